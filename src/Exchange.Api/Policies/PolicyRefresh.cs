using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Policies;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Policies;

/// <summary>
/// Keeps this node on the versions the database says are active: every <c>Policies:RefreshInterval</c> it compares
/// the activation generation (one small query) and reloads when another node activated a version. A failed check
/// keeps the loaded policies and is retried at the next tick.
/// </summary>
/// <remarks>
/// The checks begin once the gateway has started (the start-up loaded the policies already). A start that fails (an
/// address in use, say) disposes the host without stopping its services first: a tick in that moment created its scope
/// from a disposed provider, and the host printed the <see cref="ObjectDisposedException"/> with its stack trace after
/// the start-up's one sentence (seen once in CI, in <c>StartupTests</c>' address-in-use case).
/// </remarks>
internal sealed class PolicyRefresh(PolicyCatalog catalog, IServiceScopeFactory scopes, IOptions<PolicyOptions> options, IHostApplicationLifetime lifetime, ILogger<PolicyRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.StartedAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        while (await NextTickAsync(timer, stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    await catalog.ReloadAsync(scope.ServiceProvider.GetRequiredService<IPolicyAdministration>(), stoppingToken).ConfigureAwait(false);
                }
            }
            catch (ObjectDisposedException)
            {
                // The host is going away under a tick (its services are disposed before it cancels this loop): a
                // disposed provider does not come back, so there is nothing to refresh any more.
                return;
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
