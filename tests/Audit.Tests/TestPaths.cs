namespace Avz.Audit.Tests;

internal static class TestPaths
{
    public static string RepositoryRoot => Avz.Testing.RepositoryPaths.Root;

    /// <summary>The external known-answer vectors kept in the repository (tests/testdata, see its README).</summary>
    public static string TestData
    {
        get
        {
            var folder = Path.Combine(RepositoryRoot, "tests", "testdata");
            return Directory.Exists(folder)
                ? folder
                : throw new DirectoryNotFoundException($"The known-answer vectors belong in {folder}; they are part of the repository.");
        }
    }
}
