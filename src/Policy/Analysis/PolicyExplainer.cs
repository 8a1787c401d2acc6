using System.Globalization;
using System.Text;
using Avz.Policy.Model;

namespace Avz.Policy.Analysis;

/// <summary>Renders decisions as text for administrators and privacy officers: what is released, what is withheld, and why.</summary>
public static class PolicyExplainer
{
    /// <summary>Explains what a recipient receives of a category for a purpose, from one supplier or from every party a rule lets supply it.</summary>
    /// <param name="policy">The compiled policy.</param>
    /// <param name="request">The request; when <paramref name="allSuppliers"/> is set its supplier is ignored.</param>
    /// <param name="allSuppliers">Explain for every party that some rule lets supply the category for the purpose.</param>
    /// <returns>Readable text, one line per field.</returns>
    public static string Explain(CompiledPolicy policy, DecisionRequest request, bool allSuppliers)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var document = policy.Document;
        var text = new StringBuilder();
        var c = document.Convenant;
        text.Append(CultureInfo.InvariantCulture, $"Policy {c.Id} version {c.Version} ({policy.VersionHash})\n");
        var category = document.Categories.FirstOrDefault(x => x.Id == request.Category);
        var sensitivity = category is null ? "" : category.Sensitivity switch
        {
            Sensitivity.Normal => " (normal)",
            Sensitivity.Special => " (special, AVG art. 9)",
            Sensitivity.Criminal => " (criminal, AVG art. 10)",
        };
        text.Append(CultureInfo.InvariantCulture, $"Recipient {Describe(document, request.Recipient)}, purpose {request.Purpose}, category {request.Category}{sensitivity}\n");
        text.Append(CultureInfo.InvariantCulture, $"At {request.At:yyyy-MM-dd HH:mm zzz}; consent on record: {(request.ConsentOnRecord ? "yes" : "no")}; ");
        text.Append(request.Mode == AccessMode.Normal
            ? "ordinary request\n"
            : $"emergency request by {(request.HoldsProcessDirection ? "the direction holder" : "a party without process direction")}\n");

        var suppliers = allSuppliers
            ? document.Parties.Where(p => document.Rules.Any(r => r.Purpose == request.Purpose && r.Category == request.Category && r.Suppliers.Any(s => s.Matches(p)))).Select(p => p.Id).ToArray()
            : [request.Supplier];
        if (suppliers.Length == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nNo rule lets any party supply '{request.Category}' for '{request.Purpose}': everything is withheld (not-permitted).\n");
        }

        var rules = new SortedDictionary<string, FieldDecision>(StringComparer.Ordinal);
        foreach (var supplier in suppliers)
        {
            var decision = policy.Decide(request with { Supplier = supplier });
            text.Append(CultureInfo.InvariantCulture, $"\nFrom {Describe(document, supplier)}:\n");
            if (decision.Status != DecisionStatus.Evaluated)
            {
                text.Append(CultureInfo.InvariantCulture, $"  nothing: {decision.Status} (default deny)\n");
                continue;
            }

            foreach (var field in decision.Permitted)
            {
                AppendField(text, "permitted", field, rules);
            }

            foreach (var field in decision.Withheld)
            {
                AppendField(text, "withheld ", field, rules);
            }
        }

        if (rules.Count > 0)
        {
            text.Append("\nRules\n");
            foreach (var (id, field) in rules)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {id}: basis: {field.LegalBasis}");
                text.Append(field.Ground is null ? "\n" : $"; ground: {field.Ground}\n");
            }
        }

        return text.ToString();
    }

    private static void AppendField(StringBuilder text, string verdict, FieldDecision field, SortedDictionary<string, FieldDecision> rules)
    {
        text.Append(CultureInfo.InvariantCulture, $"  {verdict}  {field.Field,-22}");
        if (!field.IsPermitted)
        {
            text.Append(CultureInfo.InvariantCulture, $" {field.Reason.ToCode()}");
        }

        if (field.RuleId is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" (rule {field.RuleId})");
            rules.TryAdd(field.RuleId, field);
        }

        if (field.ViaEmergency)
        {
            text.Append(" [emergency override, flagged for review]");
        }

        text.Append('\n');
    }

    private static string Describe(PolicyDocument document, string partyId) =>
        document.Parties.FirstOrDefault(p => p.Id == partyId) is { } party ? $"{party.Id} ({party.Name})" : $"{partyId} (not a party of this convenant)";
}
