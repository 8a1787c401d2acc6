using System.Text;
using Avz.Policy.Model;

namespace Avz.Policy.Compilation;

/// <summary>
/// Compiles a validated policy into a flat table of cells, one per (purpose, category, supplier, recipient), each
/// holding precomputed, shared outcomes. Compilation does all the work so that a decision does only look-ups.
/// </summary>
internal static class PolicyCompiler
{
    public static CompiledPolicy Compile(PolicyDocument document)
    {
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(document.Convenant.TimeZone);
        var parties = document.Parties;
        var categories = document.Categories.Select(c => new CompiledCategory(c)).ToArray();
        var categoryIndex = categories.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var purposeIndex = document.Purposes.Select((p, i) => (p.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var purposes = document.Purposes.ToDictionary(p => p.Id, StringComparer.Ordinal);

        var rules = document.Rules.Select(rule => new CompiledRule(
            rule,
            rule.LegalBasis ?? purposes[rule.Purpose].LegalBasis,
            parties.Select(p => rule.Suppliers.Any(s => s.Matches(p))).ToArray(),
            parties.Select(p => rule.Recipients.Any(s => s.Matches(p))).ToArray(),
            categories[categoryIndex[rule.Category]].MaskOf(rule.Fields),
            rule.From is { } from ? StartOfDay(from, timeZone) : long.MinValue,
            rule.Until is { } until ? StartOfDay(until.AddDays(1), timeZone) : long.MaxValue)).ToArray();

        var interned = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        var p = parties.Count;
        var cells = new Cell[document.Purposes.Count * categories.Length * p * p];
        for (var purpose = 0; purpose < document.Purposes.Count; purpose++)
        {
            for (var c = 0; c < categories.Length; c++)
            {
                var category = categories[c];
                var group = Enumerable.Range(0, rules.Length)
                    .Where(i => purposeIndex[rules[i].Definition.Purpose] == purpose && categoryIndex[rules[i].Definition.Category] == c)
                    .ToArray();
                var starts = group.SelectMany(i => new[] { rules[i].FromTicks, rules[i].UntilTicks })
                    .Append(long.MinValue)
                    .Where(t => t != long.MaxValue)
                    .Distinct()
                    .Order()
                    .ToArray();
                Cell? denyAll = null;
                for (var supplier = 0; supplier < p; supplier++)
                {
                    var supplies = group.Any(i => rules[i].Suppliers[supplier]);
                    for (var recipient = 0; recipient < p; recipient++)
                    {
                        var index = CellIndex(purpose, c, supplier, recipient, categories.Length, p);
                        cells[index] = supplies
                            ? BuildCell(rules, group, starts, category, supplier, recipient, interned)
                            : denyAll ??= BuildCell(rules, [], [long.MinValue], category, supplier, recipient, interned);
                    }
                }
            }
        }

        return new CompiledPolicy(document, categories, rules, cells, PolicyCanonicalizer.Hash(document));
    }

    internal static int CellIndex(int purpose, int category, int supplier, int recipient, int categoryCount, int partyCount) =>
        (((((purpose * categoryCount) + category) * partyCount) + supplier) * partyCount) + recipient;

    private static long StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone).Ticks;
    }

    private static Cell BuildCell(
        CompiledRule[] rules,
        int[] group,
        long[] starts,
        CompiledCategory category,
        int supplier,
        int recipient,
        Dictionary<string, Outcome> interned)
    {
        var outcomes = new Outcome[starts.Length * Cell.Variants];
        for (var segment = 0; segment < starts.Length; segment++)
        {
            foreach (var consent in (bool[])[false, true])
            {
                foreach (var (mode, holder) in ((AccessMode, bool)[])[(AccessMode.Normal, false), (AccessMode.Emergency, true), (AccessMode.Emergency, false)])
                {
                    var outcome = Evaluate(rules, group, starts[segment], category, supplier, recipient, consent, mode, holder);
                    outcomes[(segment * Cell.Variants) + Cell.VariantOf(consent, mode, holder)] = Intern(outcome, interned);
                }
            }
        }

        return new Cell(starts, outcomes);
    }

    private static Outcome Evaluate(
        CompiledRule[] rules,
        int[] group,
        long ticks,
        CompiledCategory category,
        int supplier,
        int recipient,
        bool consent,
        AccessMode mode,
        bool holder)
    {
        var count = category.FieldIds.Length;
        var reasons = new WithholdReason[count];
        var ruleOfField = new int[count];
        ulong permitted = 0, viaEmergency = 0;
        for (var field = 0; field < count; field++)
        {
            var bit = 1UL << field;
            int? Find(Func<CompiledRule, bool> test) => group.Where(i => (rules[i].Fields & bit) != 0 && rules[i].Suppliers[supplier] && test(rules[i])).Select(i => (int?)i).FirstOrDefault();

            // Validation guarantees at most one effective rule per field and party pair.
            var granting = Find(r => r.Recipients[recipient] && r.IsEffectiveAt(ticks));
            var someTime = Find(r => r.Recipients[recipient]);
            var (reason, rule) = granting is { } g
                ? (rules[g].Definition.RequiresConsent && !consent ? WithholdReason.ConsentRequired : WithholdReason.None, g)
                : someTime is { } s ? (WithholdReason.OutsideEffectivePeriod, s) : (WithholdReason.NotPermitted, -1);

            if (mode == AccessMode.Emergency && !holder)
            {
                (reason, rule) = (WithholdReason.NotDirectionHolder, -1);
            }
            else if (mode == AccessMode.Emergency && reason != WithholdReason.None)
            {
                // Doorzettingsmacht: the direction holder may override a missing consent where, and only where, the
                // effective rule allows it. It never reaches a party the rule does not name: default deny holds.
                var emergency = Find(r => r.Recipients[recipient] && r.Definition.EmergencyAllowed && r.IsEffectiveAt(ticks));
                (reason, rule) = emergency is { } e ? (WithholdReason.None, e) : (WithholdReason.EmergencyNotAllowed, rule);
                viaEmergency |= emergency is null ? 0 : bit;
            }

            reasons[field] = reason;
            ruleOfField[field] = rule;
            permitted |= reason == WithholdReason.None ? bit : 0;
        }

        return new Outcome(permitted, viaEmergency, reasons, ruleOfField);
    }

    private static Outcome Intern(Outcome outcome, Dictionary<string, Outcome> interned)
    {
        var key = new StringBuilder();
        key.Append(outcome.Permitted).Append('/').Append(outcome.ViaEmergency);
        for (var i = 0; i < outcome.Reasons.Length; i++)
        {
            key.Append(';').Append((int)outcome.Reasons[i]).Append(',').Append(outcome.RuleOfField[i]);
        }

        var text = key.ToString();
        if (interned.TryGetValue(text, out var existing))
        {
            return existing;
        }

        interned.Add(text, outcome);
        return outcome;
    }
}
