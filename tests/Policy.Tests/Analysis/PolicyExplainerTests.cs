using Avz.Policy.Analysis;

namespace Avz.Policy.Tests.Analysis;

public sealed class PolicyExplainerTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Explain_NamesEveryFieldWithItsVerdictReasonRuleAndGround()
    {
        var request = new DecisionRequest("gem-groningen", "", "process-direction", "health-care", At);

        var text = PolicyExplainer.Explain(TestFiles.DemoPolicy, request, allSuppliers: true);

        Assert.Contains("From lentis (Lentis):", text, StringComparison.Ordinal);
        Assert.Contains("permitted  care-provider", text, StringComparison.Ordinal);
        Assert.Matches(@"withheld\s+diagnosis\s+consent-required \(rule pd-health-details\)", text);
        Assert.Contains("pd-health-summary: basis: AVG art. 6(1)(e)", text, StringComparison.Ordinal);
        Assert.Contains("ground: AVG art. 9(2)(g)", text, StringComparison.Ordinal);
        Assert.Contains(TestFiles.DemoPolicy.VersionHash, text, StringComparison.Ordinal);
        Assert.DoesNotContain("From politie", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_SaysNothingMayFlow_WhenNoRuleNamesAnySupplier()
    {
        var request = new DecisionRequest("politie", "", "youth-groups", "addiction-care", At);

        var text = PolicyExplainer.Explain(TestFiles.DemoPolicy, request, allSuppliers: true);

        Assert.Contains("No rule lets any party supply 'addiction-care' for 'youth-groups'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_FlagsTheEmergencyOverride()
    {
        var request = new DecisionRequest("avz", "vnn", "process-direction", "addiction-care", At, Mode: AccessMode.Emergency, HoldsProcessDirection: true);

        var text = PolicyExplainer.Explain(TestFiles.DemoPolicy, request, allSuppliers: false);

        Assert.Contains("emergency override, flagged for review", text, StringComparison.Ordinal);
    }
}
