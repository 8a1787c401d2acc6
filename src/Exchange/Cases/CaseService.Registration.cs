using Avz.Audit.Entries;
using Avz.Exchange.Data;
using Avz.Policy;
using Avz.Policy.Model;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

internal sealed partial class CaseService
{
    private static readonly string[] RegistrationFields = [CategoryDefinition.RegistrationSubject, CategoryDefinition.RegistrationReason];

    /// <summary>
    /// Decides which registration fields (the BSN, the reason) the caller sees: the policy's <c>registration</c>
    /// category decides them like any other, with the registering party as supplier. The registering party sees what
    /// it supplied itself; a policy without the category shows them to nobody else (default deny).
    /// </summary>
    private async Task<RegistrationDisclosure> DiscloseRegistrationAsync(Caller caller, CaseRecord record, CompiledPolicy policy, CancellationToken cancellationToken)
    {
        if (string.Equals(caller.Party, record.RegisteredBy, StringComparison.Ordinal))
        {
            return RegistrationDisclosure.OwnSupply;
        }

        if (policy.FindCategory(CategoryDefinition.Registration) is null)
        {
            return RegistrationDisclosure.NothingGranted;
        }

        var now = time.GetUtcNow();
        var request = new DecisionRequest(caller.Party, record.RegisteredBy, record.Purpose, CategoryDefinition.Registration, now, ConsentOnRecord: false, AccessMode.Normal, Directs(policy, record, caller.Party), RegistrationFields);
        var decision = policy.Decide(request);
        if (decision.Status == DecisionStatus.Evaluated && AwaitsConsent(decision))
        {
            // Only when a rule waits for consent is it worth reading the consents.
            var consents = await Db.Consents.AsNoTracking()
                .Where(c => c.CaseId == record.Id && c.WithdrawnAt == null && c.Purpose == record.Purpose)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (AnyCovers(consents, now, CategoryDefinition.Registration, caller.Party))
            {
                decision = policy.Decide(request with { ConsentOnRecord = true });
            }
        }

        return decision.Status != DecisionStatus.Evaluated ? RegistrationDisclosure.NothingGranted : RegistrationDisclosure.From(decision);
    }

    private static bool AwaitsConsent(Decision decision)
    {
        foreach (var field in decision.Withheld)
        {
            if (field.Reason == WithholdReason.ConsentRequired)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What of the registration data one caller sees, and what its access-log entry records of that.</summary>
    private sealed record RegistrationDisclosure(bool Own, IReadOnlySet<string> Released, IReadOnlyList<(string Field, WithheldReason Reason)> Withheld, IReadOnlyList<string> Rules, IReadOnlyList<string> LegalBasis)
    {
        public static RegistrationDisclosure OwnSupply { get; } = new(true, RegistrationFields.ToHashSet(StringComparer.Ordinal), [], [], []);

        public static RegistrationDisclosure NothingGranted { get; } = new(false, new HashSet<string>(), [.. RegistrationFields.Select(f => (f, WithheldReason.NotPermitted))], [], []);

        public static RegistrationDisclosure From(Decision decision)
        {
            var released = new HashSet<string>(StringComparer.Ordinal);
            var rules = new SortedSet<string>(StringComparer.Ordinal);
            var bases = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var field in decision.Permitted)
            {
                released.Add(field.Field);
                rules.Add(field.RuleId!);
                bases.Add(field.LegalBasis!);
                if (field.Ground is { } ground)
                {
                    bases.Add(ground);
                }
            }

            var withheld = new List<(string, WithheldReason)>();
            foreach (var field in decision.Withheld)
            {
                withheld.Add((field.Field, field.Reason.ToLogged()));
            }

            return new RegistrationDisclosure(false, released, withheld, [.. rules], [.. bases]);
        }

        /// <summary>The registration part of the caller's access-log entry.</summary>
        public AccessLogEntry AddTo(AccessLogEntry entry) => entry with
        {
            Released = [.. entry.Released, .. RegistrationFields.Where(Released.Contains).Select(Logged)],
            Withheld = [.. entry.Withheld, .. Withheld.OrderBy(w => w.Field, StringComparer.Ordinal).Select(w => new WithheldField(Logged(w.Field), w.Reason))],
            Rules = [.. entry.Rules, .. Rules],
            LegalBasis = [.. entry.LegalBasis, .. LegalBasis],
            Reasons = Own ? [.. entry.Reasons, EntryReason.OwnSupply] : entry.Reasons,
        };

        private static string Logged(string field) => CategoryDefinition.Registration + "/" + field;
    }
}
