using Avz.Audit;

namespace Avz.Exchange.Api.Audit;

/// <summary>Opens the access log while the host starts, so a broken log or key fails the start instead of the first request.</summary>
internal sealed class AccessLogWarmup(AccessLog log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(log.Size);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
