using Avz.Policy.Model;

namespace Avz.Policy.Tests.Compilation;

/// <summary><c>signalValidity</c>: how long an early signal stays active; two years unless the convenant says otherwise.</summary>
public sealed class SignalValidityTests
{
    [Fact]
    public void NotGiven_IsTwoYears_AndWritingTheDefault_KeepsTheVersionHash()
    {
        var plain = PolicyLoader.Load(TestFiles.MinimalYaml, "minimal.yaml").Policy!;
        var explicitDefault = PolicyLoader.Load(WithValidity("P2Y"), "p2y.yaml").Policy!;

        Assert.Equal(new RetentionPeriod(2, 0, 0), plain.Document.Convenant.SignalValidity);
        Assert.Equal(plain.VersionHash, explicitDefault.VersionHash);
    }

    [Fact]
    public void Given_IsRead_AndChangesTheVersionHash()
    {
        var result = PolicyLoader.Load(WithValidity("P18M"), "p18m.yaml");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(new RetentionPeriod(0, 18, 0), result.Policy!.Document.Convenant.SignalValidity);
        Assert.NotEqual(PolicyLoader.Load(TestFiles.MinimalYaml, "minimal.yaml").Policy!.VersionHash, result.Policy.VersionHash);
    }

    [Theory]
    [InlineData("2 jaar")]
    [InlineData("P1W")]
    [InlineData("P")]
    public void NotAPeriod_IsAFinding(string text)
    {
        var result = PolicyLoader.Load(WithValidity(text), "bad.yaml");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Code == PolicyErrorCodes.InvalidValue && d.Message.Contains("signalValidity", StringComparison.Ordinal));
    }

    private static string WithValidity(string period) =>
        TestFiles.MinimalYaml.Replace("  version: \"1\"\n", $"  version: \"1\"\n  signalValidity: \"{period}\"\n", StringComparison.Ordinal);
}
