namespace Avz.Audit.Tests;

internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The external known-answer vectors in ../shared/testdata beside the repository.</summary>
    public static string SharedTestData
    {
        get
        {
            var folder = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "testdata"));
            return Directory.Exists(folder)
                ? folder
                : throw new DirectoryNotFoundException($"The external test vectors belong in {folder}: check out shared/ beside the repository.");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AvzExchange.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AvzExchange.sln not found above " + AppContext.BaseDirectory);
    }
}
