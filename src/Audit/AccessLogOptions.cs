namespace Avz.Audit;

/// <summary>Settings of the access log (<c>Audit</c> section). <see cref="Problems"/> says what is wrong, one sentence each.</summary>
public sealed class AccessLogOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Audit";

    /// <summary>The SQLite file in the data directory when <see cref="Store"/> is <c>Sqlite</c>.</summary>
    public const string DatabaseFile = "audit.db";

    /// <summary>The log's origin: the first line of every checkpoint and the name of its key, unique per log (such as <c>avz.example.nl/groningen/access-log</c>).</summary>
    public string Origin { get; set; } = "localhost/avz-exchange/access-log";

    /// <summary>The longest time entries stay uncovered by a signed checkpoint while the log is busy; C2SP witnesses expect about a second.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most entries one transaction integrates (group commit).</summary>
    public int MaxBatch { get; set; } = 4096;

    /// <summary>Where the log is stored: <c>Sqlite</c> (<c>audit.db</c> in the data directory) or <c>Postgres</c> (<see cref="ConnectionString"/>; several gateway nodes share one log). Case is ignored.</summary>
    public string Store { get; set; } = nameof(AuditStoreKind.Sqlite);

    /// <summary>The PostgreSQL connection string when <see cref="Store"/> is <c>Postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The store as an enum value, or null when <see cref="Store"/> names none.</summary>
    public AuditStoreKind? ParsedStore => Enum.TryParse<AuditStoreKind>(Store, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(Store, out _) ? kind : null;

    /// <summary>What is wrong with these settings, one sentence each; empty when they can work.</summary>
    /// <returns>The sentences.</returns>
    public IEnumerable<string> Problems()
    {
        if (CheckpointInterval <= TimeSpan.Zero || CheckpointInterval > TimeSpan.FromMinutes(1))
        {
            yield return "Audit:CheckpointInterval must lie between 0 and 1 minute.";
        }

        if (string.IsNullOrWhiteSpace(Origin) || Origin.Contains(' ', StringComparison.Ordinal) || Origin.Contains('+', StringComparison.Ordinal))
        {
            yield return "Audit:Origin must be a name without spaces or '+', such as avz.example.nl/access-log.";
        }

        if (ParsedStore is null)
        {
            yield return "Audit:Store must be Sqlite or Postgres.";
        }
        else if (ParsedStore == AuditStoreKind.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return "Audit:Store Postgres needs Audit:ConnectionString.";
        }
    }
}
