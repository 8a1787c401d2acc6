using Avz.Policy.Compilation;
using Avz.Policy.Model;

namespace Avz.Policy.Tests;

/// <summary>Paths and loaded policies the tests share.</summary>
internal static class TestFiles
{
    public static string RepositoryRoot => Avz.Testing.RepositoryPaths.Root;

    private static readonly Lazy<CompiledPolicy> Demo = new(() => LoadValid(DemoPolicyPath));

    public static string DemoPolicyPath => Path.Combine(RepositoryRoot, "policies", "avz-groningen.yaml");

    public static CompiledPolicy DemoPolicy => Demo.Value;

    public static string MinimalYaml => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "minimal.yaml"));

    public static CompiledPolicy Minimal() => LoadValid(MinimalYaml, "minimal.yaml");

    public static CompiledPolicy LoadValid(string yaml, string name)
    {
        var result = PolicyLoader.Load(yaml, name);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Policy!;
    }

    public static CompiledPolicy LoadValid(string path)
    {
        var result = PolicyLoader.LoadFile(path);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Policy!;
    }

    public static CompiledPolicy Recompile(PolicyDocument document) => PolicyCompiler.Compile(document);
}
