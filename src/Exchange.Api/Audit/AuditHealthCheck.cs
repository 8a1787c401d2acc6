using Avz.Audit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Avz.Exchange.Api.Audit;

/// <summary>Ready when the access log's store answers.</summary>
internal sealed class AuditHealthCheck(AccessLog log) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
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
