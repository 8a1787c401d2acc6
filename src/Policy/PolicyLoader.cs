using Avz.Policy.Compilation;
using Avz.Policy.Loading;

namespace Avz.Policy;

/// <summary>Loads a convenant policy: parse the YAML, validate it, compile it into lookup tables.</summary>
public static class PolicyLoader
{
    /// <summary>Loads a policy file from disk.</summary>
    /// <param name="path">Path to the YAML file.</param>
    /// <returns>The compiled policy, or the findings.</returns>
    public static PolicyLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Load(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Loads a policy from its YAML text.</summary>
    /// <param name="yaml">The policy text.</param>
    /// <param name="fileName">The name locations report.</param>
    /// <returns>The compiled policy, or the findings.</returns>
    public static PolicyLoadResult Load(string yaml, string fileName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        var context = new ParseContext(fileName);
        var document = PolicyReader.Read(yaml, context);
        if (document is not null)
        {
            PolicyValidator.Validate(document, context);
        }

        if (document is null || context.HasErrors)
        {
            var ordered = context.Diagnostics.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToArray();
            return new PolicyLoadResult(null, null, ordered);
        }

        return new PolicyLoadResult(document, PolicyCompiler.Compile(document), []);
    }
}
