namespace Avz.Testing;

/// <summary>Finds the repository from a test or benchmark binary, wherever its output folder is. Linked into each test project.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding AvzExchange.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        foreach (var start in (string[])[AppContext.BaseDirectory, Directory.GetCurrentDirectory()])
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AvzExchange.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run inside the repository: AvzExchange.sln was not found above " + AppContext.BaseDirectory);
    }
}
