using Avz.Policy.Analysis;

namespace Avz.Policy.Tests.Analysis;

public sealed class PolicyDiffTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Diff_ShowsTheGainAndItsCondition_WhenARuleIsWidened()
    {
        var before = TestFiles.Minimal();
        var after = TestFiles.LoadValid(TestFiles.MinimalYaml.Replace("    recipients: [huis]\n", "    recipients: [huis, gem-a]\n", StringComparison.Ordinal), "after.yaml");

        var changes = PolicyDiff.Compare(before, after, At);

        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Equal(("procesregie", "gem-a", "ggz", "health", AccessLevel.None, AccessLevel.WithConsent), (c.Purpose, c.Recipient, c.Supplier, c.Category, c.Before, c.After)));
        Assert.All(changes, c => Assert.True(c.IsGain));
        var text = PolicyDiff.Render(changes);
        Assert.Contains("+ health [diagnosis, in-treatment] from ggz: none -> with-consent", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_ShowsALoss_WhenAFieldIsDropped()
    {
        var before = TestFiles.Minimal();
        var after = TestFiles.LoadValid(TestFiles.MinimalYaml.Replace("    recipients: [huis, politie]\n", "    recipients: [huis, politie]\n    fields: [name]\n", StringComparison.Ordinal), "after.yaml");

        var changes = PolicyDiff.Compare(before, after, At);

        Assert.Equal(["huis", "politie"], changes.Select(c => c.Recipient));
        Assert.All(changes, c => Assert.Equal(("birth-date", AccessLevel.Granted, AccessLevel.None), (c.Field, c.Before, c.After)));
        Assert.Contains("- identity [birth-date] from gem-a: granted -> none", PolicyDiff.Render(changes), StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_CountsANewPartyAndCategory_AsGains()
    {
        var before = TestFiles.Minimal();
        var yaml = TestFiles.MinimalYaml
            .Replace("  - { id: huis, name: Het huis, kind: house }\n", "  - { id: huis, name: Het huis, kind: house }\n  - { id: gem-b, name: Gemeente B, kind: municipality, population: 5 }\n", StringComparison.Ordinal);
        var after = TestFiles.LoadValid(yaml, "after.yaml");

        var changes = PolicyDiff.Compare(before, after, At);

        Assert.Equal(["gem-b"], changes.Select(c => c.Supplier).Distinct());
        Assert.All(changes, c => Assert.Equal(AccessLevel.Granted, c.After));
    }

    [Fact]
    public void Render_SaysSo_WhenNothingChanges() =>
        Assert.StartsWith("No change in access", PolicyDiff.Render([]), StringComparison.Ordinal);
}
