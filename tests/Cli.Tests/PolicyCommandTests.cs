namespace Avz.Cli.Tests;

public sealed class PolicyCommandTests
{
    private static readonly string Root = Avz.Testing.RepositoryPaths.Root;
    private static readonly string Demo = Path.Combine(Root, "policies", "avz-groningen.yaml");

    [Fact]
    public void Validate_ValidPolicy_ExitsZero_AndPrintsTheVersionHash()
    {
        var (exit, output, _) = Run("policy", "validate", Demo);

        Assert.Equal(0, exit);
        Assert.Contains("avz-groningen version 2026.1 is valid: 25 parties", output, StringComparison.Ordinal);
        Assert.Matches("policy version sha256:[0-9a-f]{64}", output);
    }

    [Fact]
    public void Validate_BrokenPolicy_ExitsOne_WithCodeAndLocation()
    {
        var folder = Directory.CreateTempSubdirectory("avz-cli-");
        try
        {
            var path = Path.Combine(folder.FullName, "broken.yaml");
            File.WriteAllText(path, File.ReadAllText(Demo).Replace("recipients: [avz, om, reclassering-nederland, lh-jeugdbescherming-reclassering]\n    ground: \"AVG art. 10; UAVG art. 33; Wet politiegegevens", "recipients: [avz, om, reclasering]\n    ground: \"AVG art. 10; UAVG art. 33; Wet politiegegevens", StringComparison.Ordinal));

            var (exit, output, _) = Run("policy", "validate", path);

            Assert.Equal(1, exit);
            Assert.Matches(@"broken\.yaml:\d+:\d+: AVZ-POLICY-0006: Rule 'pd-police-justice' names party 'reclasering'", output);
            Assert.Contains("the file is refused", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("policy", "validate")]
    [InlineData("policy", "validate", "/nonexistent/policy.yaml")]
    [InlineData("policy", "frobnicate")]
    [InlineData("policy", "explain", "policies/avz-groningen.yaml", "--party", "avz")]
    [InlineData("policy", "diff", "policies/avz-groningen.yaml", "policies/avz-groningen.yaml", "--at", "yesterday")]
    public void UsageErrors_ExitTwo(params string[] args)
    {
        var (exit, _, error) = Run(args.Select(a => a.StartsWith("policies/", StringComparison.Ordinal) ? Path.Combine(Root, a) : a).ToArray());

        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Test_DemoSuite_ExitsZero_WithTheCounts()
    {
        var (exit, output, _) = Run("policy", "test", Path.Combine(Root, "policies", "avz-groningen.tests.yaml"));

        Assert.Equal(0, exit);
        Assert.Matches(@"\d+ passed, 0 failed", output);
    }

    [Fact]
    public void Test_FailingCase_ExitsOne_AndNamesIt()
    {
        var folder = Directory.CreateTempSubdirectory("avz-cli-");
        try
        {
            File.Copy(Demo, Path.Combine(folder.FullName, "avz-groningen.yaml"));
            var tests = File.ReadAllText(Path.Combine(Root, "policies", "avz-groningen.tests.yaml"))
                .Replace("category: police-registrations\n    expect: { permitted: all }", "category: police-registrations\n    expect: { permitted: none }", StringComparison.Ordinal);
            var path = Path.Combine(folder.FullName, "t.tests.yaml");
            File.WriteAllText(path, tests);

            var (exit, output, _) = Run("policy", "test", path);

            Assert.Equal(1, exit);
            Assert.Contains("FAIL t.tests.yaml:9:5: The house receives police registrations for process direction", output, StringComparison.Ordinal);
            Assert.Matches(@"\d+ passed, 1 failed", output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Diff_SameFile_ExitsZero_ChangedFile_ExitsOneAndShowsTheChange()
    {
        var folder = Directory.CreateTempSubdirectory("avz-cli-");
        try
        {
            var changed = Path.Combine(folder.FullName, "new.yaml");
            File.WriteAllText(changed, File.ReadAllText(Demo).Replace("    fields: [incident-type, registered-on]\n", "    fields: [incident-type, registered-on, incident-summary]\n", StringComparison.Ordinal));

            var same = Run("policy", "diff", Demo, Demo);
            var (exit, output, _) = Run("policy", "diff", Demo, changed, "--at", "2026-06-01");

            Assert.Equal(0, same.Exit);
            Assert.Contains("No change in access", same.Output, StringComparison.Ordinal);
            Assert.Equal(1, exit);
            Assert.Contains("+ police-registrations [incident-summary] from politie: none -> granted", output, StringComparison.Ordinal);
            Assert.Contains("gem-westerwolde receives", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Explain_PrintsFieldsWithReasons()
    {
        var (exit, output, _) = Run("policy", "explain", Demo, "--party", "gem-groningen", "--purpose", "process-direction", "--category", "health-care", "--supplier", "lentis", "--at", "2026-06-01");

        Assert.Equal(0, exit);
        Assert.Matches(@"withheld\s+diagnosis\s+consent-required", output);
        Assert.DoesNotContain("From ggd-groningen", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_UnknownParty_ExitsTwo()
    {
        var (exit, _, error) = Run("policy", "explain", Demo, "--party", "nobody", "--purpose", "process-direction", "--category", "health-care");

        Assert.Equal(2, exit);
        Assert.Contains("--party names no party", error, StringComparison.Ordinal);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = AvzCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
