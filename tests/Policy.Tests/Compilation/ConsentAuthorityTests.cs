namespace Avz.Policy.Tests.Compilation;

/// <summary>Only the parties the convenant names record consent (finding: a party granted itself consent).</summary>
public sealed class ConsentAuthorityTests
{
    [Theory]
    [InlineData("avz", false, true)]
    [InlineData("gem-groningen", true, true)]
    [InlineData("gem-groningen", false, false)]
    [InlineData("lentis", false, false)]
    [InlineData("reclassering-nederland", false, false)]
    [InlineData("nobody", true, true)]
    public void DemoConvenant_LetsTheHouseAndTheDirectionHolderRecordConsent(string party, bool holdsDirection, bool may)
    {
        var policy = PolicyLoader.LoadFile(TestFiles.DemoPolicyPath).Policy!;

        Assert.Equal(may, policy.MayRecordConsent(party, holdsDirection));
    }

    [Fact]
    public void ANamedParty_MayRecordConsent_AndNobodyElse()
    {
        var yaml = TestFiles.MinimalYaml.Replace("  version: \"1\"\n", "  version: \"1\"\n  consentRecordedBy: [ggz]\n", StringComparison.Ordinal);
        var result = PolicyLoader.Load(yaml, "ggz-only.yaml");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.True(result.Policy!.MayRecordConsent("ggz", holdsDirection: false));
        Assert.False(result.Policy.MayRecordConsent("huis", holdsDirection: false));
        Assert.False(result.Policy.MayRecordConsent("gem-a", holdsDirection: true));
        Assert.NotEqual(PolicyLoader.Load(TestFiles.MinimalYaml, "minimal.yaml").Policy!.VersionHash, result.Policy.VersionHash);
    }
}
