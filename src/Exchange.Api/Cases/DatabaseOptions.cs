using Avz.Exchange.Data;

namespace Avz.Exchange.Api.Cases;

/// <summary>Where the case data lives (<c>Database</c> section).</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Database";

    /// <summary>The SQLite file in the data directory when no connection string is set.</summary>
    public const string DefaultFile = "exchange.db";

    /// <summary>The engine: Sqlite (default), Postgres or SqlServer.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>The engine as an enum value, or null when <see cref="Provider"/> names none.</summary>
    public DatabaseProvider? ParsedProvider => Enum.TryParse<DatabaseProvider>(Provider, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(Provider, out _) ? parsed : null;

    /// <summary>The connection string; for SQLite it defaults to <c>exchange.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }
}
