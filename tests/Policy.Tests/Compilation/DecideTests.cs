namespace Avz.Policy.Tests.Compilation;

public sealed class DecideTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(2));
    private readonly CompiledPolicy policy = TestFiles.Minimal();

    private static DecisionRequest Identity(string recipient = "huis", string supplier = "gem-a") =>
        new(recipient, supplier, "procesregie", "identity", Now);

    private static DecisionRequest Health(string recipient = "huis") =>
        new(recipient, "ggz", "procesregie", "health", Now);

    [Fact]
    public void Decide_PermitsEveryField_WhenARuleGrantsTheCategory()
    {
        var decision = policy.Decide(Identity());

        Assert.Equal(DecisionStatus.Evaluated, decision.Status);
        Assert.True(decision.IsFullyPermitted);
        Assert.Equal(["name", "birth-date"], Fields(decision.Permitted));
        Assert.All(Items(decision.Permitted), f => Assert.Equal("r-identity", f.RuleId));
        Assert.All(Items(decision.Permitted), f => Assert.Equal("WGS", f.LegalBasis));
        Assert.Equal(policy.VersionHash, decision.PolicyVersion);
    }

    [Fact]
    public void Decide_WithholdsAsNotPermitted_WhenNoRuleNamesTheRecipient()
    {
        var decision = policy.Decide(Identity(recipient: "ggz"));

        Assert.Equal(0, decision.PermittedCount);
        Assert.All(Items(decision.Withheld), f => Assert.Equal(WithholdReason.NotPermitted, f.Reason));
        Assert.All(Items(decision.Withheld), f => Assert.Null(f.RuleId));
        Assert.Equal(2, decision.WithheldCount);
    }

    [Fact]
    public void Decide_WithholdsAsNotPermitted_WhenTheSupplierMayNotSupply()
    {
        var decision = policy.Decide(Identity(supplier: "politie"));

        Assert.Equal(0, decision.PermittedCount);
        Assert.All(Items(decision.Withheld), f => Assert.Equal(WithholdReason.NotPermitted, f.Reason));
    }

    [Fact]
    public void Decide_WithholdsHealthData_WhenConsentIsNotOnRecord()
    {
        var decision = policy.Decide(Health());

        Assert.Equal(0, decision.PermittedCount);
        Assert.All(Items(decision.Withheld), f => Assert.Equal(WithholdReason.ConsentRequired, f.Reason));
        Assert.All(Items(decision.Withheld), f => Assert.Equal("r-health", f.RuleId));
    }

    [Fact]
    public void Decide_ReleasesHealthData_WithConsentOnRecord_AndNamesTheGround()
    {
        var decision = policy.Decide(Health() with { ConsentOnRecord = true });

        Assert.True(decision.IsFullyPermitted);
        Assert.False(decision.ViaEmergency);
        Assert.All(Items(decision.Permitted), f => Assert.Equal("AVG art. 9(2)(g)", f.Ground));
    }

    [Fact]
    public void Decide_EmergencyByDirectionHolder_OverridesMissingConsent_AndIsFlagged()
    {
        var decision = policy.Decide(Health() with { Mode = AccessMode.Emergency, HoldsProcessDirection = true });

        Assert.True(decision.IsFullyPermitted);
        Assert.True(decision.ViaEmergency);
        Assert.All(Items(decision.Permitted), f => Assert.True(f.ViaEmergency));
    }

    [Fact]
    public void Decide_EmergencyByAnotherParty_IsRefused()
    {
        var decision = policy.Decide(Health() with { Mode = AccessMode.Emergency, HoldsProcessDirection = false });

        Assert.Equal(0, decision.PermittedCount);
        Assert.All(Items(decision.Withheld), f => Assert.Equal(WithholdReason.NotDirectionHolder, f.Reason));
    }

    [Fact]
    public void Decide_EmergencyOverride_NeverReachesAPartyTheRuleDoesNotName()
    {
        var decision = policy.Decide(Health(recipient: "gem-a") with { Mode = AccessMode.Emergency, HoldsProcessDirection = true });

        Assert.Equal(0, decision.PermittedCount);
        Assert.All(Items(decision.Withheld), f => Assert.Equal(WithholdReason.EmergencyNotAllowed, f.Reason));
    }

    [Fact]
    public void Decide_EmergencyIsNotAllowed_WhereTheRuleDoesNotSaySo()
    {
        var yaml = TestFiles.MinimalYaml.Replace("    emergency: allowed\n", "", StringComparison.Ordinal);
        var strict = TestFiles.LoadValid(yaml, "strict.yaml");

        var decision = strict.Decide(Health() with { Mode = AccessMode.Emergency, HoldsProcessDirection = true });

        Assert.All(Items(decision.Withheld), f => Assert.Equal(WithholdReason.EmergencyNotAllowed, f.Reason));
        Assert.Equal(2, decision.WithheldCount);
    }

    [Fact]
    public void Decide_EmergencyRequest_StillReleasesWhatIsGrantedAnyway_WithoutFlaggingIt()
    {
        var decision = policy.Decide(Identity() with { Mode = AccessMode.Emergency, HoldsProcessDirection = true });

        Assert.True(decision.IsFullyPermitted);
        Assert.False(decision.ViaEmergency);
    }

    [Fact]
    public void Decide_HonoursEffectiveDates_InTheConvenantTimeZone()
    {
        var yaml = TestFiles.MinimalYaml.Replace(
            "    recipients: [huis, politie]\n",
            "    recipients: [huis, politie]\n    from: 2026-03-01\n    until: 2026-03-31\n",
            StringComparison.Ordinal);
        var dated = TestFiles.LoadValid(yaml, "dated.yaml");

        // Europe/Amsterdam is UTC+1 on 1 March and UTC+2 after 29 March.
        var justBefore = new DateTimeOffset(2026, 2, 28, 22, 59, 59, TimeSpan.Zero);
        var firstMoment = new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero);
        var lastMoment = new DateTimeOffset(2026, 3, 31, 21, 59, 59, TimeSpan.Zero);
        var justAfter = new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero);

        Assert.All(Items(dated.Decide(Identity() with { At = justBefore }).Withheld), f => Assert.Equal(WithholdReason.OutsideEffectivePeriod, f.Reason));
        Assert.True(dated.Decide(Identity() with { At = firstMoment }).IsFullyPermitted);
        Assert.True(dated.Decide(Identity() with { At = lastMoment }).IsFullyPermitted);
        Assert.All(Items(dated.Decide(Identity() with { At = justAfter }).Withheld), f => Assert.Equal(WithholdReason.OutsideEffectivePeriod, f.Reason));
    }

    [Fact]
    public void Decide_AnswersOnlyTheRequestedFields()
    {
        var decision = policy.Decide(Identity() with { Fields = ["birth-date"] });

        Assert.Equal(["birth-date"], Fields(decision.Permitted));
        Assert.Equal(0, decision.WithheldCount);
        Assert.False(decision.IsPermitted("name"));
    }

    [Fact]
    public void Decide_SplitsACategory_WhenRulesGrantDifferentFields()
    {
        var yaml = TestFiles.MinimalYaml.Replace(
            "    recipients: [huis]\n    ground: AVG art. 9(2)(g)\n    requires: consent\n    emergency: allowed\n",
            "    recipients: [huis]\n    fields: [diagnosis]\n    ground: AVG art. 9(2)(g)\n    requires: consent\n"
                + "  - id: r-health-summary\n    purpose: procesregie\n    category: health\n    suppliers: [ggz]\n    recipients: [huis]\n"
                + "    fields: [in-treatment]\n    legalBasis: WGS art. x\n    ground: AVG art. 9(2)(g)\n",
            StringComparison.Ordinal);
        var split = TestFiles.LoadValid(yaml, "split.yaml");

        var decision = split.Decide(Health());

        Assert.Equal(["in-treatment"], Fields(decision.Permitted));
        var withheld = Assert.Single(Items(decision.Withheld));
        Assert.Equal(("diagnosis", WithholdReason.ConsentRequired, "r-health"), (withheld.Field, withheld.Reason, withheld.RuleId));
        Assert.Equal("WGS art. x", Assert.Single(Items(decision.Permitted)).LegalBasis);
        var rules = new List<string>();
        foreach (var rule in decision.Rules)
        {
            rules.Add(rule.Id);
        }

        Assert.Equal(["r-health", "r-health-summary"], rules.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("nobody", "gem-a", "procesregie", "identity", null, DecisionStatus.UnknownRecipient)]
    [InlineData("huis", "nobody", "procesregie", "identity", null, DecisionStatus.UnknownSupplier)]
    [InlineData("huis", "gem-a", "pga", "identity", null, DecisionStatus.UnknownPurpose)]
    [InlineData("huis", "gem-a", "procesregie", "debts", null, DecisionStatus.UnknownCategory)]
    [InlineData("huis", "gem-a", "procesregie", "identity", "bsn", DecisionStatus.UnknownField)]
    public void Decide_ReleasesNothing_ForUnknownNames(string recipient, string supplier, string purpose, string category, string? field, DecisionStatus status)
    {
        var decision = policy.Decide(new DecisionRequest(recipient, supplier, purpose, category, Now, Fields: field is null ? null : ["name", field]));

        Assert.Equal(status, decision.Status);
        Assert.Equal(0, decision.PermittedCount);
        Assert.False(decision.IsFullyPermitted);
        Assert.False(decision.IsPermitted("name"));
    }

    [Fact]
    public void Decide_AllocatesNothing()
    {
        var demo = TestFiles.DemoPolicy;
        var request = new DecisionRequest("gem-groningen", "lentis", "process-direction", "health-care", Now, ConsentOnRecord: false);
        var warm = demo.Decide(request);
        Assert.Equal(2, warm.PermittedCount);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var permitted = 0;
        for (var i = 0; i < 1000; i++)
        {
            var decision = demo.Decide(request);
            foreach (var field in decision.Withheld)
            {
                permitted += field.Reason == WithholdReason.ConsentRequired ? 1 : 0;
            }

            permitted += decision.PermittedCount;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(5000, permitted);
    }

    private static List<FieldDecision> Items(Decision.FieldDecisions fields)
    {
        var list = new List<FieldDecision>();
        foreach (var field in fields)
        {
            list.Add(field);
        }

        return list;
    }

    private static string[] Fields(Decision.FieldDecisions fields) => Items(fields).Select(f => f.Field).ToArray();
}
