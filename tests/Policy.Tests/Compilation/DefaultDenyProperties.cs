using Avz.Policy.Analysis;
using Avz.Policy.Model;
using CsCheck;

namespace Avz.Policy.Tests.Compilation;

/// <summary>
/// Properties of default deny over random variants of the AVZ Groningen policy: random subsets of its rules, each
/// compared exhaustively over every purpose, category, supplier, recipient and request variant.
/// </summary>
public sealed class DefaultDenyProperties
{
    private static readonly PolicyDocument Demo = TestFiles.DemoPolicy.Document;

    private static readonly DateTimeOffset[] Instants =
    [
        new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero),
        new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
        new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero),
    ];

    private static readonly (bool Consent, AccessMode Mode, bool Holder)[] Variants =
    [
        (false, AccessMode.Normal, false), (true, AccessMode.Normal, false),
        (false, AccessMode.Emergency, true), (true, AccessMode.Emergency, true), (false, AccessMode.Emergency, false),
    ];

    private static Gen<bool[]> RuleSubsets => Gen.Bool.Array[Demo.Rules.Count];

    [Fact]
    public void RemovingARule_NeverGrantsMore()
    {
        Gen.Select(RuleSubsets, Gen.Int[0, Demo.Rules.Count - 1]).Sample(
            (subset, removed) =>
            {
                subset[removed] = true;
                var before = Compile(subset);
                subset[removed] = false;
                var after = Compile(subset);

                var checkedCells = 0;
                foreach (var (request, decisionBefore) in EveryDecision(before))
                {
                    var decisionAfter = after.Decide(request);
                    foreach (var field in decisionAfter.Permitted)
                    {
                        Assert.True(decisionBefore.IsPermitted(field.Field), $"removing {Demo.Rules[removed].Id} granted {field.Field} for {request}");
                    }

                    checkedCells++;
                }

                Assert.True(checkedCells > 100_000);
            },
            iter: 12,
            threads: 1);
    }

    [Fact]
    public void RemovingARule_TakesAwayWhatOnlyItGranted()
    {
        // The converse, so the property above cannot pass by granting nothing at all.
        var all = Enumerable.Repeat(true, Demo.Rules.Count).ToArray();
        var full = Compile(all);
        var index = Demo.Rules.ToList().FindIndex(r => r.Id == "pd-police-justice");
        all[index] = false;
        var reduced = Compile(all);
        var request = new DecisionRequest("om", "politie", "process-direction", "police-registrations", Instants[2]);

        Assert.True(full.Decide(request).IsFullyPermitted);
        Assert.Equal(0, reduced.Decide(request).PermittedCount);
    }

    [Fact]
    public void PartyNamedInNoRule_ReceivesNothing()
    {
        RuleSubsets.Sample(
            subset =>
            {
                var policy = Compile(subset);
                var rules = Demo.Rules.Where((_, i) => subset[i]).ToArray();
                var unnamed = Demo.Parties.Where(p => !rules.Any(r => r.Recipients.Any(s => s.Matches(p)))).Select(p => p.Id).ToHashSet();
                foreach (var (request, decision) in EveryDecision(policy))
                {
                    if (unnamed.Contains(request.Recipient))
                    {
                        Assert.Equal(0, decision.PermittedCount);
                    }
                }
            },
            iter: 12,
            threads: 1);
    }

    [Fact]
    public void PartyAddedToTheConvenant_ReceivesNothing_UntilARuleNamesIt()
    {
        var newcomer = new PartyDefinition("nieuwe-partner", "Nieuwe partner", PartyKind.Care, null, null, default);
        var withoutKindRules = Demo with
        {
            Parties = [.. Demo.Parties, newcomer],
            Rules = Demo.Rules.Where(r => !r.Recipients.Any(s => s.Kind == PartyKind.Care)).ToArray(),
        };
        var policy = TestFiles.Recompile(withoutKindRules);

        var received = EveryDecision(policy).Where(d => d.Request.Recipient == newcomer.Id).Sum(d => d.Decision.PermittedCount);

        Assert.Equal(0, received);
        var withKindRules = TestFiles.Recompile(Demo with { Parties = [.. Demo.Parties, newcomer] });
        Assert.True(EveryDecision(withKindRules).Where(d => d.Request.Recipient == newcomer.Id).Sum(d => d.Decision.PermittedCount) > 0);
    }

    [Fact]
    public void Diff_OfAPolicyWithItself_IsEmpty()
    {
        RuleSubsets.Sample(
            subset =>
            {
                var policy = Compile(subset);
                Assert.Empty(PolicyDiff.Compare(policy, policy, Instants[2]));
            },
            iter: 5,
            threads: 1);
    }

    [Fact]
    public void Diff_OneWay_MirrorsTheOtherWay()
    {
        Gen.Select(RuleSubsets, RuleSubsets).Sample(
            (a, b) =>
            {
                var first = Compile(a);
                var second = Compile(b);

                var forward = PolicyDiff.Compare(first, second, Instants[2]);
                var backward = PolicyDiff.Compare(second, first, Instants[2]);

                var mirrored = backward.Select(c => c with { Before = c.After, After = c.Before }).ToHashSet();
                Assert.Equal(forward.Count, backward.Count);
                Assert.All(forward, change => Assert.Contains(change, mirrored));
                Assert.Equal(forward.Count(c => c.IsGain), backward.Count(c => !c.IsGain));
            },
            iter: 6,
            threads: 1);
    }

    private static CompiledPolicy Compile(bool[] subset) =>
        TestFiles.Recompile(Demo with { Rules = Demo.Rules.Where((_, i) => subset[i]).ToArray() });

    private static IEnumerable<(DecisionRequest Request, Decision Decision)> EveryDecision(CompiledPolicy policy)
    {
        var document = policy.Document;
        foreach (var purpose in document.Purposes)
        {
            foreach (var category in document.Categories)
            {
                foreach (var supplier in document.Parties)
                {
                    foreach (var recipient in document.Parties)
                    {
                        foreach (var at in Instants)
                        {
                            foreach (var (consent, mode, holder) in Variants)
                            {
                                var request = new DecisionRequest(recipient.Id, supplier.Id, purpose.Id, category.Id, at, consent, mode, holder);
                                yield return (request, policy.Decide(request));
                            }
                        }
                    }
                }
            }
        }
    }
}
