using System.Collections.Frozen;
using Avz.Policy.Compilation;
using Avz.Policy.Model;

namespace Avz.Policy;

/// <summary>
/// A policy compiled to lookup tables. <see cref="Decide"/> costs a handful of dictionary look-ups and array reads
/// and allocates nothing. Instances are immutable and safe to share between threads.
/// </summary>
public sealed class CompiledPolicy
{
    private readonly CompiledCategory[] categories;
    private readonly CompiledRule[] rules;
    private readonly Cell[] cells;
    private readonly FrozenDictionary<string, int> parties;
    private readonly FrozenDictionary<string, int> purposes;
    private readonly FrozenDictionary<string, int> categoryIndex;

    internal CompiledPolicy(PolicyDocument document, CompiledCategory[] categories, CompiledRule[] rules, Cell[] cells, string versionHash)
    {
        Document = document;
        this.categories = categories;
        this.rules = rules;
        this.cells = cells;
        VersionHash = versionHash;
        parties = Index(document.Parties.Select(p => p.Id));
        purposes = Index(document.Purposes.Select(p => p.Id));
        categoryIndex = Index(categories.Select(c => c.Id));
    }

    /// <summary>The policy as written.</summary>
    public PolicyDocument Document { get; }

    /// <summary>The policy version: <c>sha256:</c> and the hex SHA-256 of the canonical policy.</summary>
    public string VersionHash { get; }

    /// <summary>The convenant id.</summary>
    public string ConvenantId => Document.Convenant.Id;

    internal CompiledRule Rule(int index) => rules[index];

    /// <summary>Decides what of a category may flow from the supplier to the recipient for the purpose, field by field.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The decision; default deny for anything no rule grants.</returns>
    public Decision Decide(in DecisionRequest request)
    {
        if (!parties.TryGetValue(request.Recipient, out var recipient))
        {
            return new Decision(this, DecisionStatus.UnknownRecipient);
        }

        if (!parties.TryGetValue(request.Supplier, out var supplier))
        {
            return new Decision(this, DecisionStatus.UnknownSupplier);
        }

        if (!purposes.TryGetValue(request.Purpose, out var purpose))
        {
            return new Decision(this, DecisionStatus.UnknownPurpose);
        }

        if (!categoryIndex.TryGetValue(request.Category, out var c))
        {
            return new Decision(this, DecisionStatus.UnknownCategory);
        }

        var category = categories[c];
        var requested = category.AllFields;
        if (request.Fields is { } fields)
        {
            requested = 0;
            for (var i = 0; i < fields.Count; i++)
            {
                if (!category.FieldIndex.TryGetValue(fields[i], out var field))
                {
                    return new Decision(this, DecisionStatus.UnknownField);
                }

                requested |= 1UL << field;
            }
        }

        var cell = cells[PolicyCompiler.CellIndex(purpose, c, supplier, recipient, categories.Length, parties.Count)];
        var variant = Cell.VariantOf(request.ConsentOnRecord, request.Mode, request.HoldsProcessDirection);
        return new Decision(this, category, cell.Find(request.At.UtcTicks, variant), requested, request.Mode);
    }

    /// <summary>
    /// Whether a party may supply a category for a purpose at an instant: some rule in effect names it as a supplier.
    /// Supplying says nothing about who receives; each request is decided on its own.
    /// </summary>
    /// <param name="supplier">The supplying party.</param>
    /// <param name="purpose">The purpose.</param>
    /// <param name="category">The category.</param>
    /// <param name="at">The instant.</param>
    /// <returns>True when a rule allows it; false for anything unknown (default deny).</returns>
    public bool MaySupply(string supplier, string purpose, string category, DateTimeOffset at)
    {
        if (!parties.TryGetValue(supplier, out var party))
        {
            return false;
        }

        foreach (var rule in rules)
        {
            if (rule.Suppliers[party] && rule.IsEffectiveAt(at.UtcTicks)
                && string.Equals(rule.Definition.Purpose, purpose, StringComparison.Ordinal)
                && string.Equals(rule.Definition.Category, category, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a party may record or withdraw consent on a case (the convenant's <c>consentRecordedBy</c>).</summary>
    /// <param name="party">The party.</param>
    /// <param name="holdsDirection">Whether it holds process direction of the case.</param>
    /// <returns>Whether it may.</returns>
    public bool MayRecordConsent(string party, bool holdsDirection)
    {
        foreach (var recorder in Document.Convenant.ConsentRecordedBy)
        {
            if (string.Equals(recorder, party, StringComparison.Ordinal)
                || (holdsDirection && recorder == ConvenantInfo.DirectionHolder)
                || (recorder == ConvenantInfo.House && FindParty(party)?.Kind == PartyKind.House))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A party of the convenant by id, or null.</summary>
    /// <param name="id">The party id.</param>
    /// <returns>The party.</returns>
    public PartyDefinition? FindParty(string id) => parties.TryGetValue(id, out var index) ? Document.Parties[index] : null;

    /// <summary>A purpose of the convenant by id, or null.</summary>
    /// <param name="id">The purpose id.</param>
    /// <returns>The purpose.</returns>
    public PurposeDefinition? FindPurpose(string id) => purposes.TryGetValue(id, out var index) ? Document.Purposes[index] : null;

    /// <summary>A data category by id, or null.</summary>
    /// <param name="id">The category id.</param>
    /// <returns>The category.</returns>
    public CategoryDefinition? FindCategory(string id) => categoryIndex.TryGetValue(id, out var index) ? categories[index].Definition : null;

    private static FrozenDictionary<string, int> Index(IEnumerable<string> ids) =>
        ids.Select((id, i) => (id, i)).ToFrozenDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
}
