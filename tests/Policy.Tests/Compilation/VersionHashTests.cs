namespace Avz.Policy.Tests.Compilation;

public sealed class VersionHashTests
{
    [Fact]
    public void VersionHash_IgnoresCommentsLayoutAndKeyOrder()
    {
        var original = TestFiles.Minimal();
        var relaid = TestFiles.MinimalYaml
            .Replace("  - { id: politie, name: Politie, kind: justice }", "  - kind: justice  # reordered, block style\n    name: Politie\n    id: politie", StringComparison.Ordinal)
            .Replace("    legalBasis: WGS", "    legalBasis: \"WGS\"   # quoted", StringComparison.Ordinal);

        var same = TestFiles.LoadValid("# a comment\n" + relaid, "relaid.yaml");

        Assert.Equal(original.VersionHash, same.VersionHash);
        Assert.Matches("^sha256:[0-9a-f]{64}$", original.VersionHash);
    }

    [Theory]
    [InlineData("    recipients: [huis, politie]", "    recipients: [politie]")]
    [InlineData("    legalBasis: WGS", "    legalBasis: WGS art. 1")]
    [InlineData("    requires: consent\n    emergency: allowed\n", "    requires: consent\n")]
    [InlineData("  version: \"1\"", "  version: \"2\"")]
    public void VersionHash_ChangesWithAnyChangeOfMeaning(string from, string to)
    {
        var changed = TestFiles.LoadValid(TestFiles.MinimalYaml.Replace(from, to, StringComparison.Ordinal), "changed.yaml");

        Assert.NotEqual(TestFiles.Minimal().VersionHash, changed.VersionHash);
    }
}
