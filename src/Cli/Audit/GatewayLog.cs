using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Storage;

namespace Avz.Cli.Audit;

/// <summary>
/// Opens the gateway's access log for the administrative commands that write to it (clients, keys): the signing key
/// from the data directory, the store in the data directory (<c>audit.db</c>) or, as with <c>Audit:Store Postgres</c>,
/// in PostgreSQL.
/// </summary>
internal static class GatewayLog
{
    public const string PostgresOption = "--audit-postgres";

    public static System.CommandLine.Option<string?> PostgresConnection() => new(PostgresOption)
    {
        Description = "The access log's PostgreSQL connection string, when the gateway runs with Audit:Store Postgres. Default: audit.db in the data directory.",
    };

    /// <summary>Opens the log, or writes why not to <paramref name="error"/> and returns null.</summary>
    public static AccessLog? Open(string dataDirectory, string? postgres, TextWriter error)
    {
        var options = new AccessLogOptions();
        try
        {
            Directory.CreateDirectory(dataDirectory);
            var signer = AuditKeyFile.LoadOrCreate(Path.Combine(dataDirectory, AuditKeyFile.FileName), options.Origin, out _);
            IAuditStore store = postgres is null ? new SqliteAuditStore(Path.Combine(dataDirectory, "audit.db")) : new PostgresAuditStore(postgres);
            return AccessLog.Open(store, signer, TimeProvider.System, options);
        }
        catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException or ArgumentException or IOException)
        {
            error.WriteLine($"avz: the access log cannot be opened ({e.GetType().Name}: {e.Message}).");
            return null;
        }
    }

    /// <summary>An entry for a change an administrator makes from this machine (NEN 7513: the user is the OS account).</summary>
    public static AccessLogEntry AdministratorEntry(EntryAction action, string? party) => new()
    {
        Party = party ?? "administration",
        Actor = Environment.UserName,
        ActorRole = "administrator",
        Action = action,
        Decision = EntryDecision.Permitted,
    };
}
