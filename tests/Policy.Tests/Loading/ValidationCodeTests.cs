using System.Text.RegularExpressions;

namespace Avz.Policy.Tests.Loading;

public sealed partial class ValidationCodeTests
{
    public static TheoryData<string> BrokenFiles() => [.. BrokenFileNames()];

    private static string[] BrokenFileNames() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Broken"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void BrokenFile_IsRefusedWhole_WithItsCodeAtItsLine(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Broken", name);
        var expectation = ExpectLine().Match(File.ReadAllText(path));
        Assert.True(expectation.Success, $"{name} lacks its '# expect: CODE line N' header");
        var code = expectation.Groups["code"].Value;
        var line = int.Parse(expectation.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);

        var result = PolicyLoader.LoadFile(path);

        Assert.False(result.Succeeded);
        Assert.Null(result.Policy);
        Assert.Null(result.Document);
        var finding = Assert.Single(result.Diagnostics, d => d.Code == code);
        Assert.Equal(line, finding.Location.Line);
        Assert.Equal(name, finding.Location.File);
        Assert.True(finding.Location.Column >= 1);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
    }

    [Fact]
    public void EveryValidationCode_HasABrokenFile()
    {
        var files = BrokenFileNames().Select(Path.GetFileNameWithoutExtension).ToHashSet();

        Assert.All(PolicyErrorCodes.All, code => Assert.Contains(code, files));
        Assert.Equal(PolicyErrorCodes.All.Count, PolicyErrorCodes.All.Distinct().Count());
    }

    [Fact]
    public void MinimalPolicy_TheBrokenFilesStartFrom_IsValid()
    {
        var result = PolicyLoader.Load(TestFiles.MinimalYaml, "minimal.yaml");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void UnclosedFlowMapping_IsASyntaxFinding_NotACrash()
    {
        var result = PolicyLoader.Load("convenant:\n  - { id: x, name: y\n", "open.yaml");

        Assert.Equal(PolicyErrorCodes.Syntax, Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("--- a\n--- b\n")]
    public void EmptyOrMultiDocumentFile_IsASyntaxFinding(string yaml)
    {
        var result = PolicyLoader.Load(yaml, "x.yaml");

        Assert.Contains(result.Diagnostics, d => d.Code == PolicyErrorCodes.Syntax || d.Code == PolicyErrorCodes.InvalidValue);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void ManyErrors_AreAllReported_InFileOrder()
    {
        var yaml = TestFiles.MinimalYaml
            .Replace("recipients: [huis, politie]", "recipients: [huis, polite]", StringComparison.Ordinal)
            .Replace("retention: P2Y", "retention: two years", StringComparison.Ordinal);

        var result = PolicyLoader.Load(yaml, "many.yaml");

        Assert.Equal([PolicyErrorCodes.InvalidValue], result.Diagnostics.Select(d => d.Code).Distinct());
        var withValidation = PolicyLoader.Load(TestFiles.MinimalYaml.Replace("recipients: [huis, politie]", "recipients: [huis, polite, nobody]", StringComparison.Ordinal), "m.yaml");
        Assert.Equal(2, withValidation.Diagnostics.Count(d => d.Code == PolicyErrorCodes.UnknownParty));
        Assert.True(withValidation.Diagnostics[0].Location.Column < withValidation.Diagnostics[1].Location.Column);
    }

    [Fact]
    public void DemoPolicy_IsValid()
    {
        var result = PolicyLoader.LoadFile(TestFiles.DemoPolicyPath);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(12, result.Document!.Parties.Count(p => p.Kind == Model.PartyKind.Municipality));
        Assert.Equal(583_585, result.Document.Parties.Sum(p => p.Population ?? 0));
        Assert.Equal(12, result.Document.Parties.Count(p => p.Kind is not Model.PartyKind.Municipality and not Model.PartyKind.House));
    }

    [GeneratedRegex(@"# expect: (?<code>AVZ-POLICY-\d{4}) line (?<line>\d+)")]
    private static partial Regex ExpectLine();
}
