using System.Text;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Avz.Exchange.Subjects;
using Avz.Policy;
using Avz.Policy.Model;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

/// <summary>
/// The case exchange: register, find, admit, direct, supply, request, consent, emergency. Every call that reaches a
/// case, allowed or refused, writes its access-log entry before it answers; a change commits only after its entry is
/// durable (fail closed). Invalid input is refused before anything is read or written, and is not logged: it reveals
/// and changes nothing. What the case's state refuses (a second admission, a status move the flow does not allow,
/// anything after closing) is decided on the case as read, so it is an attempt on the case and leaves its entry.
/// </summary>
/// <remarks>One instance per request scope (it holds the scope's DbContext, leased when first needed).</remarks>
internal sealed partial class CaseService(ContextLease lease, IPolicySource policies, AccessLog log, CaseKeys keys, CaseReads reads, SubjectSecret subjects, LoggedSave saves, Justifications justifications, ReviewComments comments, TimeProvider time) : ICaseExchange
{
    public const string SubjectItem = "case";
    public const string SubjectField = CategoryDefinition.RegistrationSubject;
    public const string ReasonField = CategoryDefinition.RegistrationReason;

    /// <summary>The scope's context, leased on first use: the information request on SQLite never needs it (<see cref="ContextLease"/>).</summary>
    private ExchangeDbContext Db => lease.Context;

    /// <summary>
    /// Loads a case for a participant. The input is checked against the case's policy first (<paramref name="validate"/>):
    /// bad input is refused before anything is logged, whoever sends it; then a non-participant is refused and logged.
    /// A read without history may go through the caller's <paramref name="scope"/>.
    /// </summary>
    private async Task<(CaseRecord? Record, CompiledPolicy? Policy, ExchangeResult<T>? Failure)> LoadForParticipantAsync<T>(
        Caller caller, Guid id, EntryAction action, bool includeHistory, CancellationToken cancellationToken, Func<CompiledPolicy, ExchangeError?>? validate = null, CaseReadScope? scope = null)
        where T : class
    {
        // Reads change nothing on the case, and a supply only adds an item beside it: no change tracking of the case (no
        // snapshot, no identity map) on those paths.
        var readOnly = action is EntryAction.CaseRead or EntryAction.InformationRequest or EntryAction.InformationEmergency or EntryAction.ConsentRead or EntryAction.PlanRead
            or EntryAction.InformationSupply;
        CaseRecord? record;
        if (readOnly && !includeHistory)
        {
            record = scope is not null
                ? await scope.CaseWithParticipantsAsync(id, cancellationToken).ConfigureAwait(false)
                : await reads.CaseWithParticipantsAsync(Db, id, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            IQueryable<CaseRecord> query = Db.Cases.Include(c => c.Participants);
            if (readOnly)
            {
                query = query.AsNoTracking();
            }

            if (includeHistory)
            {
                query = query.Include(c => c.StatusChanges).AsSplitQuery();
            }

            record = await query.FirstOrDefaultAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        }

        if (record is null)
        {
            // NEN 7513 logs attempts, not only successes: a guessed case id leaves its trace like any other refusal.
            var attempt = await log.AppendAsync(caller.Entry(action, EntryDecision.Refused) with { Case = id.ToString(), Reasons = [EntryReason.UnknownCase] }, cancellationToken).ConfigureAwait(false);
            return (null, null, ExchangeResult<T>.Fail(ExchangeErrors.CaseNotFound, attempt));
        }

        var policy = policies.Find(record.Convenant);
        if (policy is not null && validate?.Invoke(policy) is { } invalid)
        {
            return (null, null, ExchangeResult<T>.Fail(invalid));
        }

        if (!record.Participants.Any(p => string.Equals(p.Party, caller.Party, StringComparison.Ordinal)))
        {
            var index = await log.AppendAsync(Entry(caller, action, EntryDecision.Refused, record, policy) with { Reasons = [EntryReason.NotParticipant] }, cancellationToken).ConfigureAwait(false);
            return (null, null, ExchangeResult<T>.Fail(ExchangeErrors.NotParticipant, index));
        }

        if (policy is null)
        {
            // The convenant's policy was removed from the gateway: nothing flows without a policy (default deny).
            var index = await log.AppendAsync(Entry(caller, action, EntryDecision.Refused, record, null) with { Reasons = [EntryReason.NoPolicy] }, cancellationToken).ConfigureAwait(false);
            return (null, null, ExchangeResult<T>.Fail(ExchangeErrors.UnknownConvenant, index));
        }

        return (record, policy, null);
    }

    private async Task<ExchangeResult<T>> RefuseAsync<T>(Caller caller, EntryAction action, CaseRecord record, CompiledPolicy? policy, ExchangeError error, EntryReason reason, CancellationToken cancellationToken)
        where T : class
    {
        var index = await log.AppendAsync(Entry(caller, action, EntryDecision.Refused, record, policy) with { Reasons = [reason] }, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<T>.Fail(error, index);
    }

    private Task<long> CommitLoggedAsync(AccessLogEntry entry, CancellationToken cancellationToken) => saves.SaveAsync(Db, entry, cancellationToken);

    private static AccessLogEntry Entry(Caller caller, EntryAction action, EntryDecision decision, CaseRecord? record, CompiledPolicy? policy) =>
        caller.Entry(action, decision) with
        {
            Convenant = record?.Convenant ?? policy?.ConvenantId,
            Case = record?.Id.ToString(),
            Subject = record?.SubjectPseudonym,
            Purpose = record?.Purpose,
            ProcessingActivity = record is null ? null : policy?.FindPurpose(record.Purpose)?.ProcessingActivity.ToString(),
            PolicyVersion = policy?.VersionHash,
        };

    private static bool IsHouse(CompiledPolicy policy, string party) => policy.FindParty(party)?.Kind == PartyKind.House;

    private static bool Directs(CompiledPolicy policy, CaseRecord record, string party) => Directs(policy, record.DirectionHolder, party);

    /// <summary>Whether the party holds process direction on a case, or is the house (which directs every case).</summary>
    internal static bool Directs(CompiledPolicy policy, string directionHolder, string party) =>
        string.Equals(directionHolder, party, StringComparison.Ordinal) || IsHouse(policy, party);

    private async Task<string> DecryptTextAsync(FieldPlace place, byte[]? ciphertext, CancellationToken cancellationToken) =>
        ciphertext is null ? "" : Encoding.UTF8.GetString(await keys.DecryptAsync(Db, place, ciphertext, cancellationToken).ConfigureAwait(false));

    private async Task<CaseView> ViewAsync(CaseRecord record, RegistrationDisclosure disclosure, CancellationToken cancellationToken)
    {
        var subject = disclosure.Released.Contains(SubjectField)
            ? await DecryptTextAsync(new FieldPlace(record.Id, SubjectItem, SubjectField), record.SubjectCiphertext, cancellationToken).ConfigureAwait(false)
            : null;
        var reason = disclosure.Released.Contains(ReasonField)
            ? await DecryptTextAsync(new FieldPlace(record.Id, SubjectItem, ReasonField), record.ReasonCiphertext, cancellationToken).ConfigureAwait(false)
            : null;
        return new CaseView(
            record.Id,
            record.Convenant,
            record.Purpose,
            record.Status.ToWire(),
            record.DirectionHolder,
            record.RegisteredBy,
            record.RegisteredAt,
            subject,
            reason,
            record.RetentionUntil,
            [.. record.Participants.OrderBy(p => p.AdmittedAt).ThenBy(p => p.Party, StringComparer.Ordinal).Select(p => new ParticipantView(p.Party, p.AdmittedAt, p.AdmittedBy))],
            [.. record.StatusChanges.OrderBy(s => s.Id).Select(s => new StatusChangeView(s.From?.ToWire(), s.To.ToWire(), s.At, s.By))],
            [.. disclosure.Withheld.OrderBy(w => w.Field, StringComparer.Ordinal).Select(w => new RegistrationWithheld(w.Field, Wire.Of(w.Reason)))],
            record.Municipality);
    }
}
