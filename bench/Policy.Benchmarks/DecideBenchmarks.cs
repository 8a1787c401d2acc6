using Avz.Policy;
using BenchmarkDotNet.Attributes;

namespace Avz.Policy.Benchmarks;

/// <summary>
/// Decide on the AVZ Groningen policy (25 parties, 7 purposes, 12 categories, 40 rules). Goal (issue 2): median at
/// most 1 µs and 0 bytes allocated per decision.
/// Run: dotnet run -c Release --project bench/Policy.Benchmarks -- --filter '*DecideBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class DecideBenchmarks
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(2));
    private CompiledPolicy policy = null!;
    private DecisionRequest wholeCategory;
    private DecisionRequest consentWithheld;
    private DecisionRequest fieldSubset;
    private DecisionRequest emergency;
    private DecisionRequest defaultDeny;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(Avz.Testing.RepositoryPaths.Root, "policies", "avz-groningen.yaml");
        var result = PolicyLoader.LoadFile(path);
        policy = result.Policy ?? throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        wholeCategory = new DecisionRequest("avz", "politie", "process-direction", "police-registrations", At);
        consentWithheld = new DecisionRequest("gem-groningen", "lentis", "process-direction", "health-care", At);
        fieldSubset = new DecisionRequest("gem-groningen", "politie", "process-direction", "police-registrations", At, Fields: ["incident-type", "incident-summary"]);
        emergency = new DecisionRequest("avz", "vnn", "process-direction", "addiction-care", At, Mode: AccessMode.Emergency, HoldsProcessDirection: true);
        defaultDeny = new DecisionRequest("lentis", "politie", "radicalisation", "police-registrations", At);
    }

    [Benchmark(Baseline = true)]
    public int WholeCategoryPermitted() => policy.Decide(wholeCategory).PermittedCount;

    [Benchmark]
    public int HealthWithheldForConsent() => policy.Decide(consentWithheld).WithheldCount;

    [Benchmark]
    public int FieldSubset() => policy.Decide(fieldSubset).PermittedCount;

    [Benchmark]
    public bool EmergencyOverride() => policy.Decide(emergency).ViaEmergency;

    [Benchmark]
    public int DefaultDeny() => policy.Decide(defaultDeny).WithheldCount;

    /// <summary>Decide plus reading every withheld field with its reason and rule, as the gateway does to build a response.</summary>
    [Benchmark]
    public int DecideAndReadReasons()
    {
        var count = 0;
        foreach (var field in policy.Decide(consentWithheld).Withheld)
        {
            count += (int)field.Reason + (field.RuleId?.Length ?? 0);
        }

        return count;
    }
}
