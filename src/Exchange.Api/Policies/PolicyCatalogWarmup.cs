namespace Avz.Exchange.Api.Policies;

/// <summary>Loads the catalog while the host starts, so a broken policy fails the start instead of the first request.</summary>
internal sealed class PolicyCatalogWarmup(PolicyCatalog catalog, ILogger<PolicyCatalogWarmup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var policy in catalog.Policies.Values)
        {
            PolicyLog.PolicyLoaded(logger, policy.ConvenantId, policy.Document.Convenant.Version, policy.VersionHash);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
