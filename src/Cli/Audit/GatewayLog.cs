using Avz.Audit;
using Avz.Audit.Entries;

namespace Avz.Cli.Audit;

/// <summary>
/// Opens the gateway's access log for the administrative commands that write to it (clients, keys), as the gateway
/// opens it: same origin, key file and store, from the same settings (<see cref="GatewaySettings"/>).
/// </summary>
internal static class GatewayLog
{
    /// <summary>Opens the log, or writes why not to <paramref name="error"/> and returns null.</summary>
    public static AccessLog? Open(GatewaySettings settings, TextWriter error)
    {
        try
        {
            return AccessLogFactory.Open(settings.AccessLog, settings.DataDirectory, TimeProvider.System, out _);
        }
        catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException or ArgumentException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            error.WriteLine($"avz: the access log cannot be opened ({e.Message}).");
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
