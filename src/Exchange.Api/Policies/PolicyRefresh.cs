using Avz.Exchange.Policies;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Policies;

/// <summary>
/// Keeps this node on the versions the database says are active: every <c>Policies:RefreshInterval</c> it compares
/// the activation generation (one small query) and reloads when another node activated a version. A failed check
/// keeps the loaded policies and is retried at the next tick.
/// </summary>
internal sealed class PolicyRefresh(PolicyCatalog catalog, IServiceScopeFactory scopes, IOptions<PolicyOptions> options, ILogger<PolicyRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (await NextTickAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                try
                {
                    await catalog.ReloadAsync(scope.ServiceProvider.GetRequiredService<IPolicyAdministration>(), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                {
                    PolicyLog.RefreshFailed(logger, e.GetType().Name);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Waits for the next tick; false when the host stops (also when it stops because its start failed).</summary>
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
