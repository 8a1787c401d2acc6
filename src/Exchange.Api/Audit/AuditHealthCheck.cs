using Avz.Audit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Avz.Exchange.Api.Audit;

/// <summary>Ready when the access log's store answers and is still the file it opened.</summary>
internal sealed class AuditHealthCheck(AccessLog log) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (log.StoreLost)
            {
                // Pooled connections still read the deleted file, so the read below would pass.
                return Task.FromResult(HealthCheckResult.Unhealthy("the access log's database file was deleted or replaced while the gateway ran; appends fail until it is restarted on its data directory"));
            }

            var checkpoint = log.LatestCheckpoint;
            _ = log.ReadLeaf(0);
            return Task.FromResult(HealthCheckResult.Healthy($"{log.Size} entries, signed up to {checkpoint?.Size ?? 0}"));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the access log's store does not answer"));
        }
    }
}
