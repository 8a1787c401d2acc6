using Avz.Exchange.Data;

namespace Avz.Exchange;

/// <summary>Where the case data lives (<c>Database</c> section). <see cref="Problems"/> says what is wrong, one sentence each.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Database";

    /// <summary>The SQLite file in the data directory when no connection string is set.</summary>
    public const string DefaultFile = "exchange.db";

    /// <summary>The engine: <c>Sqlite</c> (default), <c>Postgres</c> or <c>SqlServer</c>. Case is ignored.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>The connection string; for SQLite it defaults to <c>exchange.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The engine as an enum value, or null when <see cref="Provider"/> names none.</summary>
    public DatabaseProvider? ParsedProvider => SettingWords.Parse<DatabaseProvider>(Provider);

    /// <summary>What is wrong with these settings, one sentence each; empty when they can work.</summary>
    /// <returns>The sentences.</returns>
    public IEnumerable<string> Problems()
    {
        if (ParsedProvider is null)
        {
            yield return "Database:Provider must be Sqlite, Postgres or SqlServer.";
        }
        else if (ParsedProvider is DatabaseProvider.Postgres or DatabaseProvider.SqlServer && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return "Database:ConnectionString is required for PostgreSQL and SQL Server.";
        }
    }

    /// <summary>The connection string to use: the configured one, or the default SQLite file in the data directory.</summary>
    /// <param name="dataDirectory">The gateway's data directory.</param>
    /// <returns>The connection string.</returns>
    public string ConnectionStringFor(string dataDirectory) =>
        ConnectionString is { Length: > 0 } configured ? configured : $"Data Source={Path.Combine(dataDirectory, DefaultFile)}";
}
