using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Avz.Exchange.Api.Policies;

/// <summary>Ready only when at least one convenant policy is loaded.</summary>
internal sealed class PolicyHealthCheck(PolicyCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(catalog.Policies.Count > 0
            ? HealthCheckResult.Healthy($"{catalog.Policies.Count} convenant policies loaded")
            : HealthCheckResult.Unhealthy("no convenant policy loaded"));
}
