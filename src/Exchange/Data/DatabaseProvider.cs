namespace Avz.Exchange.Data;

/// <summary>The database engines the exchange runs on; each has its own migrations.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file (the default, one house on one machine).</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql (several gateway nodes).</summary>
    Postgres,

    /// <summary>SQL Server.</summary>
    SqlServer,
}
