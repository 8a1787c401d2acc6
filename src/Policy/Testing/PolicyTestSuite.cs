using System.Globalization;
using Avz.Policy.Loading;
using Avz.Policy.Model;
using YamlDotNet.RepresentationModel;

namespace Avz.Policy.Testing;

/// <summary>
/// A policy test file (<c>policies/*.tests.yaml</c>): the policy it tests and the decisions it expects. Run by
/// <c>avz policy test</c>, so a change to a convenant policy that breaks an agreed flow fails before activation.
/// </summary>
public sealed class PolicyTestSuite
{
    private readonly IReadOnlyList<PolicyTestCase> cases;

    private PolicyTestSuite(string policyPath, IReadOnlyList<PolicyTestCase> cases)
    {
        PolicyPath = policyPath;
        this.cases = cases;
    }

    /// <summary>The path of the policy under test, resolved against the test file's folder.</summary>
    public string PolicyPath { get; }

    /// <summary>How many cases the file holds.</summary>
    public int Count => cases.Count;

    /// <summary>Reads a test file.</summary>
    /// <param name="path">The test file.</param>
    /// <param name="diagnostics">Findings in the test file itself; non-empty means no suite.</param>
    /// <returns>The suite, or null when the file has findings.</returns>
    public static PolicyTestSuite? Load(string path, out IReadOnlyList<PolicyDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(path);
        var context = new ParseContext(Path.GetFileName(path));
        var suite = Read(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path))!, context);
        diagnostics = context.Diagnostics;
        return context.HasErrors ? null : suite;
    }

    /// <summary>Runs every case against the compiled policy.</summary>
    /// <param name="policy">The policy named by <see cref="PolicyPath"/>.</param>
    /// <returns>One result per case, in file order.</returns>
    public IReadOnlyList<PolicyTestResult> Run(CompiledPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return cases.Select(c => Run(policy, c)).ToArray();
    }

    private static PolicyTestResult Run(CompiledPolicy policy, PolicyTestCase test)
    {
        var failures = new List<string>();
        var decision = policy.Decide(test.Request);
        if (decision.Status != DecisionStatus.Evaluated)
        {
            failures.Add($"the request could not be evaluated: {decision.Status}");
            return new PolicyTestResult(test.Name, test.Location, false, failures);
        }

        var permitted = new List<string>();
        foreach (var field in decision.Permitted)
        {
            permitted.Add(field.Field);
        }

        if (test.ExpectAllPermitted && decision.WithheldCount > 0)
        {
            failures.Add($"expected every field permitted, but {decision.WithheldCount} withheld");
        }

        if (test.ExpectedPermitted is { } expected && !expected.Order(StringComparer.Ordinal).SequenceEqual(permitted.Order(StringComparer.Ordinal)))
        {
            failures.Add($"expected permitted [{string.Join(", ", expected)}] but got [{string.Join(", ", permitted)}]");
        }

        foreach (var field in decision.Withheld)
        {
            var want = test.ExpectedWithheld.TryGetValue(field.Field, out var reason) ? reason : test.ExpectedOtherwise;
            if (want is null && !test.ExpectAllPermitted && test.ExpectedPermitted is null)
            {
                failures.Add($"field '{field.Field}' was withheld ({field.Reason.ToCode()}) but the case does not expect it");
            }
            else if (want is { } w && w != field.Reason)
            {
                failures.Add($"field '{field.Field}' was withheld as {field.Reason.ToCode()}, expected {w.ToCode()}");
            }
        }

        foreach (var (field, reason) in test.ExpectedWithheld)
        {
            if (decision.IsPermitted(field))
            {
                failures.Add($"field '{field}' was permitted, expected withheld as {reason.ToCode()}");
            }
        }

        if (test.ExpectEmergency is { } emergency && emergency != decision.ViaEmergency)
        {
            failures.Add(emergency ? "expected a release through the emergency override" : "expected no emergency override");
        }

        return new PolicyTestResult(test.Name, test.Location, failures.Count == 0, failures);
    }

    private static PolicyTestSuite? Read(string text, string folder, ParseContext context)
    {
        var root = PolicyReader.Parse(text, context);
        var top = root is null ? null : YamlMap.From(root, context, "The test file", "policy", "at", "cases");
        if (top is null)
        {
            return null;
        }

        var policy = top.String("policy", required: true);
        var at = ReadInstant(top, "at", context) ?? DateTimeOffset.UnixEpoch;
        var cases = new List<PolicyTestCase>();
        foreach (var node in top.Sequence("cases", required: true) ?? [])
        {
            if (ReadCase(node, at, context) is { } test)
            {
                cases.Add(test);
            }
        }

        if (top.Node("at", required: true) is null)
        {
            return null;
        }

        return policy is null ? null : new PolicyTestSuite(Path.Combine(folder, policy), cases);
    }

    private static PolicyTestCase? ReadCase(YamlNode node, DateTimeOffset defaultAt, ParseContext context)
    {
        var map = YamlMap.From(
            node, context, "A test case",
            "name", "recipient", "supplier", "purpose", "category", "fields", "at", "consent", "emergency", "directionHolder", "expect");
        if (map is null)
        {
            return null;
        }

        var name = map.String("name", required: true);
        var recipient = map.Id("recipient", required: true);
        var supplier = map.Id("supplier", required: true);
        var purpose = map.Id("purpose", required: true);
        var category = map.Id("category", required: true);
        var fields = map.Scalars("fields", required: false)?.Select(f => f.Text).ToArray();
        var at = ReadInstant(map, "at", context) ?? defaultAt;
        var consent = ReadBoolean(map, "consent", context);
        var emergency = ReadBoolean(map, "emergency", context);
        var holder = ReadBoolean(map, "directionHolder", context);
        var expect = map.Node("expect", required: true) is { } e
            ? YamlMap.From(e, context, "An expectation", "permitted", "withheld", "emergency")
            : null;
        if (name is null || recipient is null || supplier is null || purpose is null || category is null || expect is null)
        {
            return null;
        }

        IReadOnlyList<string>? permitted = null;
        var all = false;
        if (expect.Node("permitted", required: false) is YamlScalarNode { Value: "all" or "none" } word)
        {
            all = word.Value == "all";
            permitted = all ? null : [];
        }
        else
        {
            permitted = expect.Scalars("permitted", required: false)?.Select(f => f.Text).ToArray();
        }

        var withheld = new Dictionary<string, WithholdReason>(StringComparer.Ordinal);
        WithholdReason? otherwise = null;
        if (expect.Node("withheld", required: false) is { } withheldNode)
        {
            if (withheldNode is YamlMappingNode mapping)
            {
                foreach (var (key, value) in mapping.Children)
                {
                    var field = (key as YamlScalarNode)?.Value ?? "";
                    if (value is YamlScalarNode { Value: { } code } && WithholdReasonCodes.TryParse(code, out var reason) && reason != WithholdReason.None)
                    {
                        if (field == "*")
                        {
                            otherwise = reason;
                        }
                        else
                        {
                            withheld[field] = reason;
                        }
                    }
                    else
                    {
                        context.Report(PolicyErrorCodes.InvalidValue, value, $"'{field}' must map to a reason code such as not-permitted or consent-required.");
                    }
                }
            }
            else
            {
                context.Report(PolicyErrorCodes.InvalidValue, withheldNode, "'withheld' maps fields (or '*' for every other field) to reason codes.");
            }
        }

        var request = new DecisionRequest(
            recipient, supplier, purpose, category, at, consent, emergency ? AccessMode.Emergency : AccessMode.Normal, holder, fields);
        bool? expectEmergency = expect.Node("emergency", required: false) is null ? null : ReadBoolean(expect, "emergency", context);
        return new PolicyTestCase(name, request, permitted, all, withheld, otherwise, expectEmergency, map.Location);
    }

    private static bool ReadBoolean(YamlMap map, string key, ParseContext context)
    {
        var text = map.String(key, required: false);
        if (text is null or "false")
        {
            return false;
        }

        if (text == "true")
        {
            return true;
        }

        context.Report(PolicyErrorCodes.InvalidValue, map.LocationOf(key), $"'{key}' must be true or false, not '{text}'.");
        return false;
    }

    private static DateTimeOffset? ReadInstant(YamlMap map, string key, ParseContext context)
    {
        var text = map.String(key, required: false);
        if (text is null)
        {
            return null;
        }

        // A bare date means noon UTC that day: well inside the day in Dutch time, whatever the season.
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && text.Contains('T', StringComparison.Ordinal))
        {
            return instant;
        }

        context.Report(PolicyErrorCodes.InvalidValue, map.LocationOf(key), $"'{key}' must be a date (yyyy-MM-dd) or an instant with offset (2026-03-01T08:00:00+01:00), not '{text}'.");
        return null;
    }
}
