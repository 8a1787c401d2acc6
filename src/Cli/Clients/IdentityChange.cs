using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Cli.Clients;

/// <summary>A change to the identity database (a client, a staff account) made from the gateway's host, written to the access log first.</summary>
internal static class IdentityChange
{
    /// <summary>Writes the access-log entry first (fail closed: no entry, no change), then makes the change, and logs a failed change as an error entry.</summary>
    /// <param name="settings">The gateway's settings.</param>
    /// <param name="entry">The change's entry.</param>
    /// <param name="output">Where the entry's index goes.</param>
    /// <param name="error">Where failures are told.</param>
    /// <param name="change">The change, over the identity database's services; false when it was not made.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(GatewaySettings settings, AccessLogEntry entry, TextWriter output, TextWriter error, Func<IServiceProvider, Task<bool>> change)
    {
        if (Audit.GatewayLog.Open(settings, error) is not { } log)
        {
            return ExitCodes.Usage;
        }

        await using (log.ConfigureAwait(false))
        {
            await using var provider = OpenRegistry(settings);
            await using var scope = provider.CreateAsyncScope();
            long index;
            bool changed;
            try
            {
                (index, changed) = await log.ChangeAsync(entry, async () =>
                {
                    try
                    {
                        return await change(scope.ServiceProvider).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or OpenIddict.Abstractions.OpenIddictExceptions.ValidationException)
                    {
                        error.WriteLine($"avz: {e.Message}");
                        return false;
                    }
                }).ConfigureAwait(false);
            }
            catch (AuditWriteException)
            {
                error.WriteLine("avz: the access log cannot be written; nothing was changed.");
                return ExitCodes.Finding;
            }

            if (!changed)
            {
                return ExitCodes.Finding;
            }

            output.WriteLine($"access log entry {index}");
            return ExitCodes.Ok;
        }
    }

    /// <summary>The identity database the gateway's Identity settings name: identity.db in the data directory, or PostgreSQL.</summary>
    /// <param name="settings">The gateway's settings.</param>
    /// <returns>Its services; dispose them when done.</returns>
    public static ServiceProvider OpenRegistry(GatewaySettings settings) =>
        IdentityStore.Open(settings.DataDirectory, settings.Identity.UsesPostgres ? settings.Identity.ConnectionString : null);
}
