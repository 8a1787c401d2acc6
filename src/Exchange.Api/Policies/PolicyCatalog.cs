using Avz.Policy;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Policies;

/// <summary>The compiled convenant policies the gateway decides with, loaded once at start-up; any invalid file stops the start.</summary>
public sealed class PolicyCatalog : Avz.Exchange.IPolicySource
{
    private readonly Dictionary<string, CompiledPolicy> byConvenant;

    /// <summary>Loads every policy in the configured folder.</summary>
    /// <param name="options">Where the policies are.</param>
    /// <param name="environment">The host; a relative folder is resolved against its content root.</param>
    /// <exception cref="Hosting.GatewayConfigurationException">The folder is missing or empty, or a policy is invalid; the message says what to fix.</exception>
    public PolicyCatalog(IOptions<PolicyOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var folder = options.Value.Resolve(environment);
        if (!System.IO.Directory.Exists(folder))
        {
            throw new Hosting.GatewayConfigurationException($"Policies:Directory '{folder}' does not exist; set it to the folder that holds the convenant policy files.");
        }

        var files = System.IO.Directory.GetFiles(folder, "*.yaml")
            .Where(f => !f.EndsWith(".tests.yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new Hosting.GatewayConfigurationException($"Policies:Directory '{folder}' holds no policy (*.yaml); add one or point the setting at the right folder.");
        }

        byConvenant = new Dictionary<string, CompiledPolicy>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var result = PolicyLoader.LoadFile(file);
            if (!result.Succeeded)
            {
                throw new Hosting.GatewayConfigurationException(
                    $"Policy {Path.GetFileName(file)} is invalid ({result.Diagnostics.Count} finding(s)); the first: {result.Diagnostics[0]}. Run 'avz policy validate {file}' for all.");
            }

            if (!byConvenant.TryAdd(result.Policy!.ConvenantId, result.Policy))
            {
                throw new Hosting.GatewayConfigurationException($"Two policy files declare convenant '{result.Policy.ConvenantId}'; keep one file per convenant in {folder}.");
            }
        }
    }

    /// <summary>The active policies by convenant id.</summary>
    public IReadOnlyDictionary<string, CompiledPolicy> Policies => byConvenant;

    /// <inheritdoc/>
    public CompiledPolicy? Find(string convenant) => byConvenant.GetValueOrDefault(convenant);
}
