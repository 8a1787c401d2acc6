using Avz.Policy;

namespace Avz.Exchange.Api.Policies;

/// <summary>The policy files in <c>Policies:Directory</c>: they seed a convenant's first version; any invalid file stops the start.</summary>
internal static class PolicyFiles
{
    /// <summary>One valid policy file.</summary>
    public sealed record File(string Name, string Yaml, CompiledPolicy Policy);

    /// <summary>Loads every policy file of the folder; a folder that does not exist holds none.</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>The files, by name.</returns>
    /// <exception cref="Hosting.GatewayConfigurationException">A file is invalid, or two declare one convenant.</exception>
    public static IReadOnlyList<File> Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var files = new List<File>();
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Where(f => !f.EndsWith(".tests.yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var yaml = System.IO.File.ReadAllText(path);
            var result = PolicyLoader.Load(yaml, Path.GetFileName(path));
            if (!result.Succeeded)
            {
                throw new Hosting.GatewayConfigurationException(
                    $"Policy {Path.GetFileName(path)} is invalid ({result.Diagnostics.Count} finding(s)); the first: {result.Diagnostics[0]}. Run 'avz policy validate {path}' for all.");
            }

            if (files.Any(f => f.Policy.ConvenantId == result.Policy!.ConvenantId))
            {
                throw new Hosting.GatewayConfigurationException($"Two policy files declare convenant '{result.Policy!.ConvenantId}'; keep one file per convenant in {folder}.");
            }

            files.Add(new File(Path.GetFileName(path), yaml, result.Policy!));
        }

        return files;
    }
}
