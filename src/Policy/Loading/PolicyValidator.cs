using Avz.Policy.Model;

namespace Avz.Policy.Loading;

/// <summary>The checks that need the whole file: ids are unique, rules name what exists, sensitive data has a ground, rules do not overlap.</summary>
internal static class PolicyValidator
{
    /// <summary>64 fields fit the bit mask a decision carries; no real category comes near it.</summary>
    internal const int MaxFieldsPerCategory = 64;

    public static void Validate(PolicyDocument document, ParseContext context)
    {
        CheckUnique(document.Parties, p => p.Id, p => p.Location, "party", context);
        CheckUnique(document.Purposes, p => p.Id, p => p.Location, "purpose", context);
        CheckUnique(document.Categories, c => c.Id, c => c.Location, "category", context);
        CheckUnique(document.Rules, r => r.Id, r => r.Location, "rule", context);
        foreach (var category in document.Categories)
        {
            CheckUnique(category.Fields, f => f.Id, f => f.Location, $"field of category '{category.Id}'", context);
            if (category.Fields.Count > MaxFieldsPerCategory)
            {
                context.Report(
                    PolicyErrorCodes.TooManyFields,
                    category.Location,
                    $"Category '{category.Id}' has {category.Fields.Count} fields; split it, a category holds at most {MaxFieldsPerCategory}.");
            }

            if (category.Id == CategoryDefinition.PlanAction
                && !(category.Fields.Count == 1 && category.Fields[0].Id == CategoryDefinition.PlanActionDescription && category.Fields[0].Type == FieldType.Text))
            {
                context.Report(
                    PolicyErrorCodes.PlanActionFields,
                    category.Location,
                    $"Category '{CategoryDefinition.PlanAction}' is the description of a plan action and must have exactly the field '{CategoryDefinition.PlanActionDescription}' (text).");
            }

            if (category.IsRegistration && !HasRegistrationFields(category))
            {
                context.Report(
                    PolicyErrorCodes.RegistrationFields,
                    category.Location,
                    $"Category '{CategoryDefinition.Registration}' is the case's registration data and must have exactly the fields "
                    + $"'{CategoryDefinition.RegistrationSubject}' (string) and '{CategoryDefinition.RegistrationReason}' (text).");
            }
        }

        var parties = document.Parties.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var purposes = document.Purposes.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var categories = document.Categories.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var rule in document.Rules)
        {
            CheckRule(rule, parties, purposes, categories, context);
        }

        if (!context.HasErrors)
        {
            CheckOverlaps(document, context);
        }
    }

    private static bool HasRegistrationFields(CategoryDefinition category) =>
        category.Fields.Count == 2
        && category.Fields.Any(f => f.Id == CategoryDefinition.RegistrationSubject && f.Type == FieldType.String)
        && category.Fields.Any(f => f.Id == CategoryDefinition.RegistrationReason && f.Type == FieldType.Text);

    private static void CheckRule(
        RuleDefinition rule,
        HashSet<string> parties,
        HashSet<string> purposes,
        Dictionary<string, CategoryDefinition> categories,
        ParseContext context)
    {
        foreach (var selector in rule.Suppliers.Concat(rule.Recipients))
        {
            if (selector.PartyId is { } id && !parties.Contains(id))
            {
                context.Report(PolicyErrorCodes.UnknownParty, selector.Location, $"Rule '{rule.Id}' names party '{id}', which the file does not declare under 'parties'.");
            }
        }

        if (!purposes.Contains(rule.Purpose))
        {
            context.Report(PolicyErrorCodes.UnknownPurpose, rule.Location, $"Rule '{rule.Id}' names purpose '{rule.Purpose}', which the file does not declare under 'purposes'.");
        }

        if (!categories.TryGetValue(rule.Category, out var category))
        {
            context.Report(PolicyErrorCodes.UnknownCategory, rule.Location, $"Rule '{rule.Id}' names category '{rule.Category}', which the file does not declare under 'categories'.");
            return;
        }

        foreach (var field in rule.Fields ?? [])
        {
            if (!category.Fields.Any(f => string.Equals(f.Id, field, StringComparison.Ordinal)))
            {
                context.Report(
                    PolicyErrorCodes.UnknownField,
                    rule.Location,
                    $"Rule '{rule.Id}' names field '{field}', which category '{category.Id}' does not have; its fields are {string.Join(", ", category.Fields.Select(f => f.Id))}.");
            }
        }

        if (category.Sensitivity != Sensitivity.Normal && rule.Ground is null)
        {
            // AVG art. 9 and 10: a legal basis alone does not allow processing special or criminal data; the
            // exception that does (art. 9(2) AVG, art. 22-33 UAVG, WGS) must be named per grant.
            var article = category.Sensitivity == Sensitivity.Special ? "AVG art. 9" : "AVG art. 10";
            context.Report(
                PolicyErrorCodes.MissingGround,
                rule.Location,
                $"Rule '{rule.Id}' grants {category.Sensitivity.ToString().ToLowerInvariant()} category '{category.Id}' ({article}) and must name its 'ground'.");
        }
    }

    private static void CheckOverlaps(PolicyDocument document, ParseContext context)
    {
        var fieldsByCategory = document.Categories.ToDictionary(c => c.Id, c => c.Fields.Select(f => f.Id).ToArray(), StringComparer.Ordinal);
        foreach (var group in document.Rules.GroupBy(r => (r.Purpose, r.Category)))
        {
            var rules = group.ToArray();
            for (var later = 1; later < rules.Length; later++)
            {
                for (var earlier = 0; earlier < later; earlier++)
                {
                    var a = rules[earlier];
                    var b = rules[later];
                    var allFields = fieldsByCategory[a.Category];
                    var shared = (a.Fields ?? allFields).Intersect(b.Fields ?? allFields, StringComparer.Ordinal).FirstOrDefault();
                    var supplier = SharedParty(document.Parties, a.Suppliers, b.Suppliers);
                    var recipient = SharedParty(document.Parties, a.Recipients, b.Recipients);
                    if (shared is not null && supplier is not null && recipient is not null && PeriodsOverlap(a, b))
                    {
                        context.Report(
                            PolicyErrorCodes.OverlappingRules,
                            b.Location,
                            $"Rules '{a.Id}' and '{b.Id}' both govern field '{shared}' of '{a.Category}' from '{supplier}' to '{recipient}' for '{a.Purpose}' on overlapping dates; "
                            + "each field must have one rule at a time, so narrow their fields, parties or dates.");
                    }
                }
            }
        }
    }

    private static string? SharedParty(IReadOnlyList<PartyDefinition> parties, IReadOnlyList<PartySelector> a, IReadOnlyList<PartySelector> b) =>
        parties.FirstOrDefault(p => a.Any(s => s.Matches(p)) && b.Any(s => s.Matches(p)))?.Id;

    private static bool PeriodsOverlap(RuleDefinition a, RuleDefinition b) =>
        (a.Until is null || b.From is null || b.From <= a.Until) && (b.Until is null || a.From is null || a.From <= b.Until);

    private static void CheckUnique<T>(IEnumerable<T> items, Func<T, string> id, Func<T, SourceLocation> location, string what, ParseContext context)
    {
        var seen = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!seen.TryAdd(id(item), location(item)))
            {
                context.Report(PolicyErrorCodes.DuplicateId, location(item), $"Id '{id(item)}' is used by another {what} (line {seen[id(item)].Line}); ids must be unique.");
            }
        }
    }
}
