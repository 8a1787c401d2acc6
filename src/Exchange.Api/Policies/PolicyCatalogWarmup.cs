using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Policies;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Policies;

/// <summary>
/// While the host starts, after the database is migrated: the policy files seed every convenant the database holds no
/// version of, then the catalog loads the active versions. A file that differs from its convenant's active version is
/// reported, never applied: a change goes through upload, approval and activation. A broken file, or no policy at
/// all, stops the start.
/// </summary>
internal sealed class PolicyCatalogWarmup(
    PolicyCatalog catalog, IServiceScopeFactory scopes, IOptions<PolicyOptions> options, IHostEnvironment environment, ILogger<PolicyCatalogWarmup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = options.Value.Resolve(environment);
        var files = PolicyFiles.Load(folder);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var store = scope.ServiceProvider.GetRequiredService<IPolicyAdministration>();
            foreach (var file in files)
            {
                if (await store.SeedAsync(file.Policy, file.Yaml, cancellationToken).ConfigureAwait(false))
                {
                    PolicyLog.Seeded(logger, file.Policy.ConvenantId, file.Name, file.Policy.VersionHash);
                }
            }

            try
            {
                await catalog.ReloadAsync(store, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                throw new GatewayConfigurationException(e.Message, e);
            }
        }

        if (catalog.Policies.Count == 0)
        {
            throw new GatewayConfigurationException(Directory.Exists(folder)
                ? $"Policies:Directory '{folder}' holds no policy (*.yaml); add one or point the setting at the right folder."
                : $"Policies:Directory '{folder}' does not exist; set it to the folder that holds the convenant policy files.");
        }

        foreach (var file in files)
        {
            if (catalog.Find(file.Policy.ConvenantId) is { } active && active.VersionHash != file.Policy.VersionHash)
            {
                PolicyLog.FileDiffers(logger, file.Name, file.Policy.VersionHash, file.Policy.ConvenantId, active.VersionHash);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
