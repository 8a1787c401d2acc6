using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Avz.Policy;
using Avz.Policy.Model;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Policies;

/// <summary>
/// Measures what a policy change does to today's data, as <see cref="PolicyImpactView"/> describes: every stored field
/// value of the convenant's open cases, and each case's registration data, decided for each participating party under
/// both versions the way an ordinary request decides it (the party's own supplies are not disclosures and are not
/// counted). It reads field names, parties and consents; no value is decrypted.
/// </summary>
internal static class PolicyImpact
{
    private static readonly string[] RegistrationFields = [CategoryDefinition.RegistrationSubject, CategoryDefinition.RegistrationReason];

    public static async Task<PolicyImpactView> MeasureAsync(ExchangeDbContext db, CompiledPolicy before, CompiledPolicy after, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var convenant = after.ConvenantId;
        var open = db.Cases.AsNoTracking()
            .Where(c => c.Convenant == convenant && c.ShreddedAt == null && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Rejected);
        var cases = await open.Select(c => new { c.Id, c.Purpose, c.RegisteredBy, c.DirectionHolder }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var participants = (await db.Participants.AsNoTracking().Where(p => open.Any(c => c.Id == p.CaseId)).Select(p => new { p.CaseId, p.Party })
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(p => p.CaseId, p => p.Party);
        var fields = (await db.Items.AsNoTracking().Where(i => open.Any(c => c.Id == i.CaseId))
            .Join(db.Fields.AsNoTracking(), i => i.Id, f => f.ItemId, (i, f) => new { i.CaseId, i.Id, i.Supplier, i.Category, f.Name })
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(f => f.CaseId);
        var consents = (await db.Consents.AsNoTracking().Where(c => c.WithdrawnAt == null && open.Any(o => o.Id == c.CaseId))
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(c => c.CaseId);

        var rows = new Dictionary<(string Party, string Purpose, string Category), (int Gained, int Lost)>();
        var items = 0;
        foreach (var record in cases)
        {
            var caseFields = fields[record.Id].ToList();
            items += caseFields.Select(f => f.Id).Distinct().Count();
            var granted = consents[record.Id].Where(c => c.Purpose == record.Purpose && c.RecordedAt <= at && c.ValidUntil > at).ToList();
            foreach (var party in participants[record.Id])
            {
                bool Consented(string category) => granted.Any(c => CaseService.Covers(c, category, party));
                if (!string.Equals(party, record.RegisteredBy, StringComparison.Ordinal))
                {
                    Count(rows, party, record.Purpose, CategoryDefinition.Registration, RegistrationFields, policy => new DecisionRequest(
                        party, record.RegisteredBy, record.Purpose, CategoryDefinition.Registration, at, Consented(CategoryDefinition.Registration), AccessMode.Normal,
                        CaseService.Directs(policy, record.DirectionHolder, party)), before, after);
                }

                var holdsDirection = string.Equals(record.DirectionHolder, party, StringComparison.Ordinal);
                foreach (var item in caseFields.GroupBy(f => (f.Id, f.Supplier, f.Category)).Where(i => !string.Equals(i.Key.Supplier, party, StringComparison.Ordinal)))
                {
                    var names = item.Select(f => f.Name).Order(StringComparer.Ordinal).ToArray();
                    var consent = Consented(item.Key.Category);
                    Count(rows, party, record.Purpose, item.Key.Category, names, _ => new DecisionRequest(
                        party, item.Key.Supplier, record.Purpose, item.Key.Category, at, consent, AccessMode.Normal, holdsDirection, names), before, after);
                }
            }
        }

        return new PolicyImpactView(at, cases.Count, items, [.. rows
            .OrderBy(r => r.Key.Party, StringComparer.Ordinal).ThenBy(r => r.Key.Purpose, StringComparer.Ordinal).ThenBy(r => r.Key.Category, StringComparer.Ordinal)
            .Select(r => new PolicyImpactRow(r.Key.Party, r.Key.Purpose, r.Key.Category, r.Value.Gained, r.Value.Lost))]);
    }

    /// <summary>
    /// Decides an item's field values under both versions, once per version (a request naming a field a version does not
    /// know is refused whole, as a real request is), and counts each field whose outcome differs.
    /// </summary>
    private static void Count(
        Dictionary<(string, string, string), (int Gained, int Lost)> rows, string party, string purpose, string category, IReadOnlyList<string> fields, Func<CompiledPolicy, DecisionRequest> request, CompiledPolicy before, CompiledPolicy after)
    {
        var was = before.Decide(request(before));
        var will = after.Decide(request(after));
        foreach (var field in fields)
        {
            var saw = was.Status == DecisionStatus.Evaluated && was.IsPermitted(field);
            var sees = will.Status == DecisionStatus.Evaluated && will.IsPermitted(field);
            if (saw != sees)
            {
                var key = (party, purpose, category);
                var (gained, lost) = rows.GetValueOrDefault(key);
                rows[key] = sees ? (gained + 1, lost) : (gained, lost + 1);
            }
        }
    }
}
