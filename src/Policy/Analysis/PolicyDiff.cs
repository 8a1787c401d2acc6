using System.Globalization;
using System.Text;

namespace Avz.Policy.Analysis;

/// <summary>
/// Compares two policy versions as access matrices: for each purpose, recipient, supplier, category and field, the
/// level at a given moment. The result is what an administrator reads before activating a new version.
/// </summary>
public static class PolicyDiff
{
    /// <summary>Every cell whose access level differs, ordered by purpose, recipient, category, field and supplier.</summary>
    /// <param name="before">The active version.</param>
    /// <param name="after">The candidate version.</param>
    /// <param name="at">The moment both are evaluated at (effective dates matter).</param>
    /// <returns>The changes; empty when both grant the same.</returns>
    public static IReadOnlyList<AccessChange> Compare(CompiledPolicy before, CompiledPolicy after, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var purposes = Union(before.Document.Purposes.Select(p => p.Id), after.Document.Purposes.Select(p => p.Id));
        var parties = Union(before.Document.Parties.Select(p => p.Id), after.Document.Parties.Select(p => p.Id));
        var categories = Union(before.Document.Categories.Select(c => c.Id), after.Document.Categories.Select(c => c.Id));
        var changes = new List<AccessChange>();
        foreach (var purpose in purposes)
        {
            foreach (var category in categories)
            {
                var fields = Union(FieldsOf(before, category), FieldsOf(after, category));
                foreach (var supplier in parties)
                {
                    foreach (var recipient in parties)
                    {
                        var request = new DecisionRequest(recipient, supplier, purpose, category, at);
                        var a = Levels(before, request);
                        var b = Levels(after, request);
                        foreach (var field in fields)
                        {
                            var levelBefore = a.GetValueOrDefault(field);
                            var levelAfter = b.GetValueOrDefault(field);
                            if (levelBefore != levelAfter)
                            {
                                changes.Add(new AccessChange(purpose, recipient, supplier, category, field, levelBefore, levelAfter));
                            }
                        }
                    }
                }
            }
        }

        return changes
            .OrderBy(c => c.Purpose, StringComparer.Ordinal)
            .ThenBy(c => c.Recipient, StringComparer.Ordinal)
            .ThenBy(c => c.Category, StringComparer.Ordinal)
            .ThenBy(c => c.Field, StringComparer.Ordinal)
            .ThenBy(c => c.Supplier, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Folds changes into lines an administrator can read: per purpose, recipient and category, the fields that change
    /// alike and the suppliers they change alike for.
    /// </summary>
    /// <param name="changes">The changes from <see cref="Compare"/>, in its order.</param>
    /// <returns>The folded lines, in the changes' order.</returns>
    public static IReadOnlyList<AccessChangeGroup> Fold(IReadOnlyList<AccessChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes
            .GroupBy(c => (c.Purpose, c.Recipient))
            .SelectMany(recipient => recipient
                .GroupBy(c => (c.Category, c.Supplier, c.Before, c.After))
                .Select(g => (g.Key, Fields: g.Select(c => c.Field).Order(StringComparer.Ordinal).ToArray()))
                .GroupBy(x => (x.Key.Category, Fields: string.Join(",", x.Fields), x.Key.Before, x.Key.After))
                .Select(line => new AccessChangeGroup(
                    recipient.Key.Purpose,
                    recipient.Key.Recipient,
                    line.Key.Category,
                    line.First().Fields,
                    [.. line.Select(x => x.Key.Supplier)],
                    line.Key.Before,
                    line.Key.After)))
            .ToArray();
    }

    /// <summary>Renders changes grouped by purpose and recipient, folding fields and suppliers that change alike.</summary>
    /// <param name="changes">The changes from <see cref="Compare"/>.</param>
    /// <returns>Readable text; a single line saying so when nothing changes.</returns>
    public static string Render(IReadOnlyList<AccessChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return "No change in access: both versions grant the same to every party.\n";
        }

        var text = new StringBuilder();
        var gains = changes.Count(c => c.IsGain);
        text.Append(CultureInfo.InvariantCulture, $"{changes.Count} changed cells: {gains} gain access, {changes.Count - gains} lose access.\n");
        foreach (var purpose in Fold(changes).GroupBy(g => g.Purpose))
        {
            text.Append(CultureInfo.InvariantCulture, $"\npurpose {purpose.Key}\n");
            foreach (var recipient in purpose.GroupBy(g => g.Recipient))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {recipient.Key} receives\n");
                foreach (var line in recipient)
                {
                    var sign = line.IsGain ? '+' : '-';
                    text.Append(CultureInfo.InvariantCulture, $"    {sign} {line.Category} [{string.Join(", ", line.Fields)}] from {string.Join(", ", line.Suppliers)}: {Word(line.Before)} -> {Word(line.After)}\n");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The word for a level, as the rendered diff and the API show it.</summary>
    /// <param name="level">The level.</param>
    /// <returns><c>none</c>, <c>emergency-only</c>, <c>with-consent</c> or <c>granted</c>.</returns>
    public static string Word(AccessLevel level) => level switch
    {
        AccessLevel.None => "none",
        AccessLevel.EmergencyOnly => "emergency-only",
        AccessLevel.WithConsent => "with-consent",
        AccessLevel.Granted => "granted",
    };

    private static Dictionary<string, AccessLevel> Levels(CompiledPolicy policy, DecisionRequest request)
    {
        var levels = new Dictionary<string, AccessLevel>(StringComparer.Ordinal);
        Raise(policy.Decide(request with { Mode = AccessMode.Emergency, HoldsProcessDirection = true }), AccessLevel.EmergencyOnly, levels);
        Raise(policy.Decide(request with { ConsentOnRecord = true }), AccessLevel.WithConsent, levels);
        Raise(policy.Decide(request), AccessLevel.Granted, levels);
        return levels;
    }

    private static void Raise(Decision decision, AccessLevel level, Dictionary<string, AccessLevel> levels)
    {
        foreach (var field in decision.Permitted)
        {
            levels[field.Field] = level;
        }
    }

    private static IEnumerable<string> FieldsOf(CompiledPolicy policy, string category) =>
        policy.Document.Categories.FirstOrDefault(c => c.Id == category)?.Fields.Select(f => f.Id) ?? [];

    private static string[] Union(IEnumerable<string> a, IEnumerable<string> b) => a.Union(b, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
