namespace Avz.Audit.Tests;

internal static class TestPaths
{
    public static string RepositoryRoot => Avz.Testing.RepositoryPaths.Root;

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
}
