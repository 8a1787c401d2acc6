using Avz.Policy.Testing;

namespace Avz.Policy.Tests.Testing;

public sealed class PolicyTestSuiteTests
{
    [Fact]
    public void DemoSuite_PassesAgainstTheDemoPolicy()
    {
        var suite = PolicyTestSuite.Load(Path.Combine(TestFiles.RepositoryRoot, "policies", "avz-groningen.tests.yaml"), out var findings);

        Assert.Empty(findings);
        Assert.NotNull(suite);
        Assert.Equal(Path.GetFullPath(TestFiles.DemoPolicyPath), Path.GetFullPath(suite.PolicyPath));
        var results = suite.Run(TestFiles.DemoPolicy);
        Assert.True(results.Count >= 20);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Name}: {string.Join("; ", r.Failures)}"));
    }

    [Theory]
    [InlineData("expect: { permitted: all }", "expected every field permitted")]
    [InlineData("expect: { permitted: [name] }", "expected permitted [name]")]
    [InlineData("expect: { permitted: none, withheld: { \"*\": not-permitted } }", "was withheld as consent-required, expected not-permitted")]
    [InlineData("expect: { withheld: { diagnosis: consent-required } }", "field 'in-treatment' was withheld (consent-required) but the case does not expect it")]
    [InlineData("expect: { permitted: none, withheld: { \"*\": consent-required }, emergency: true }", "expected a release through the emergency override")]
    public void WrongExpectation_FailsWithASentenceThatSaysWhat(string expectation, string failure)
    {
        var folder = Directory.CreateTempSubdirectory("avz-policy-test-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "p.yaml"), TestFiles.MinimalYaml);
            var tests = $"policy: p.yaml\nat: 2026-06-01\ncases:\n  - name: health\n    recipient: huis\n    supplier: ggz\n    purpose: procesregie\n    category: health\n    {expectation}\n";
            File.WriteAllText(Path.Combine(folder.FullName, "p.tests.yaml"), tests);

            var suite = PolicyTestSuite.Load(Path.Combine(folder.FullName, "p.tests.yaml"), out var findings);
            Assert.Empty(findings);
            var result = Assert.Single(suite!.Run(TestFiles.Minimal()));

            Assert.False(result.Passed);
            Assert.Contains(result.Failures, f => f.Contains(failure, StringComparison.Ordinal));
            Assert.Equal(4, result.Location.Line);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void TestFile_WithAnUnknownReason_IsAFinding()
    {
        var folder = Directory.CreateTempSubdirectory("avz-policy-test-");
        try
        {
            var path = Path.Combine(folder.FullName, "bad.tests.yaml");
            File.WriteAllText(path, "policy: p.yaml\nat: 2026-06-01\ncases:\n  - name: x\n    recipient: huis\n    supplier: ggz\n    purpose: procesregie\n    category: health\n    expect: { withheld: { \"*\": forbidden } }\n");

            Assert.Null(PolicyTestSuite.Load(path, out var findings));
            Assert.Equal(PolicyErrorCodes.InvalidValue, Assert.Single(findings).Code);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
