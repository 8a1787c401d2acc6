namespace Avz.Audit;

/// <summary>Where the access log is stored.</summary>
public enum AuditStoreKind
{
    /// <summary>A SQLite file in the data directory: one gateway process.</summary>
    Sqlite,

    /// <summary>PostgreSQL: several gateway nodes append to one log, one sequencer at a time (advisory lock).</summary>
    Postgres,
}
