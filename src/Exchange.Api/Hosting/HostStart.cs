namespace Avz.Exchange.Api.Hosting;

/// <summary>Where the gateway's background services wait before their first run.</summary>
internal static class HostStart
{
    /// <summary>
    /// Waits until the gateway has started; false when the host stops first, also when its start failed. A start that
    /// fails disposes the host without stopping its services first, so a job that ran before the start could meet a
    /// disposed provider (issue 16: the policy refresh did, and the host printed its stack trace).
    /// </summary>
    /// <param name="lifetime">The host's lifetime.</param>
    /// <param name="stoppingToken">The service's stopping token.</param>
    /// <returns>True once started; false when stopping came first.</returns>
    public static async Task<bool> StartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
