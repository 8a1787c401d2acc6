using System.Text;
using Avz.Audit.Entries;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Avz.Policy.Model;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

internal sealed partial class CaseService
{
    public async Task<ExchangeResult<CaseView>> RegisterAsync(Caller caller, RegisterCase request, CancellationToken cancellationToken)
    {
        var policy = request.Convenant is null ? null : policies.Find(request.Convenant);
        if (policy is null)
        {
            return ExchangeResult<CaseView>.Fail(ExchangeErrors.UnknownConvenant);
        }

        if (request.Purpose is null || policy.FindPurpose(request.Purpose) is null)
        {
            return ExchangeResult<CaseView>.Fail(ExchangeErrors.UnknownPurpose);
        }

        if (request.Municipality is not null && policy.FindParty(request.Municipality)?.Kind != PartyKind.Municipality)
        {
            return ExchangeResult<CaseView>.Fail(ExchangeErrors.UnknownMunicipality);
        }

        if (!Subjects.Bsn.IsValid(request.Subject))
        {
            return ExchangeResult<CaseView>.Fail(ExchangeErrors.InvalidBsn);
        }

        if (request.Reason is not { Length: > 0 and <= 2000 } || string.IsNullOrWhiteSpace(request.Reason))
        {
            return ExchangeResult<CaseView>.Fail(ExchangeErrors.ReasonRequired);
        }

        if (policy.FindParty(caller.Party) is null)
        {
            var refused = await log.AppendAsync(Entry(caller, EntryAction.CaseRegister, EntryDecision.Refused, null, policy) with { Purpose = request.Purpose, Reasons = [EntryReason.NotInConvenant] }, cancellationToken).ConfigureAwait(false);
            return ExchangeResult<CaseView>.Fail(ExchangeErrors.NotInConvenant, refused);
        }

        var subjectKeys = await subjects.GetAsync(Db, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var (dataKey, key) = await keys.CreateAsync(id, cancellationToken).ConfigureAwait(false);
        var record = new CaseRecord
        {
            Id = id,
            Convenant = policy.ConvenantId,
            Purpose = request.Purpose,
            Status = CaseStatus.Registered,
            DirectionHolder = caller.Party,
            RegisteredBy = caller.Party,
            Municipality = request.Municipality ?? (policy.FindParty(caller.Party)?.Kind == PartyKind.Municipality ? caller.Party : null),
            RegisteredAt = now,
            SubjectIndex = subjectKeys.BlindIndex(request.Subject!),
            SubjectPseudonym = subjectKeys.Pseudonym(request.Subject!),
            SubjectCiphertext = keys.Encrypt(dataKey, key, SubjectItem, SubjectField, Encoding.ASCII.GetBytes(request.Subject!)),
            ReasonCiphertext = keys.Encrypt(dataKey, key, SubjectItem, ReasonField, Encoding.UTF8.GetBytes(request.Reason)),
        };

        // The caller takes part, and so does the house, which screens and triages every registration.
        foreach (var party in policy.Document.Parties.Where(p => p.Kind == PartyKind.House).Select(p => p.Id).Prepend(caller.Party).Distinct(StringComparer.Ordinal))
        {
            record.Participants.Add(new CaseParticipant { CaseId = id, Party = party, AdmittedAt = now, AdmittedBy = caller.Party });
        }

        record.StatusChanges.Add(new CaseStatusChange { CaseId = id, From = null, To = CaseStatus.Registered, At = now, By = caller.Party });
        Db.Cases.Add(record);
        Db.DataKeys.Add(dataKey);
        var index = await CommitLoggedAsync(Entry(caller, EntryAction.CaseRegister, EntryDecision.Permitted, record, policy) with { Status = new StatusChange(null, LoggedCaseStatus.Registered) }, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<CaseView>.Ok(await ViewAsync(record, RegistrationDisclosure.OwnSupply, cancellationToken).ConfigureAwait(false), index);
    }

    public async Task<ExchangeResult<SearchResult>> SearchAsync(Caller caller, SearchCases request, CancellationToken cancellationToken)
    {
        if (!Subjects.Bsn.IsValid(request.Subject))
        {
            return ExchangeResult<SearchResult>.Fail(ExchangeErrors.InvalidBsn);
        }

        var subjectKeys = await subjects.GetAsync(Db, cancellationToken).ConfigureAwait(false);
        var blind = subjectKeys.BlindIndex(request.Subject!);
        var found = await Db.Cases.AsNoTracking()
            .Where(c => c.SubjectIndex == blind && c.ShreddedAt == null && c.Participants.Any(p => p.Party == caller.Party))
            .Select(c => new { c.Id, c.Convenant, c.Purpose, c.Status, c.RegisteredAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var summaries = found.OrderBy(c => c.RegisteredAt).Select(c => new CaseSummary(c.Id, c.Convenant, c.Purpose, c.Status.ToWire(), c.RegisteredAt)).ToList();
        var index = await log.AppendAsync(
            Entry(caller, EntryAction.CaseSearch, EntryDecision.Permitted, null, null) with
            {
                Subject = subjectKeys.Pseudonym(request.Subject!),
                Cases = [.. summaries.Select(s => s.Id.ToString())],
            },
            cancellationToken).ConfigureAwait(false);
        return ExchangeResult<SearchResult>.Ok(new SearchResult(summaries), index);
    }

    public async Task<string?> SubjectPseudonymAsync(string? bsn, CancellationToken cancellationToken) =>
        Subjects.Bsn.IsValid(bsn) ? (await subjects.GetAsync(Db, cancellationToken).ConfigureAwait(false)).Pseudonym(bsn!) : null;

    public async Task<ExchangeResult<CaseView>> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var (record, policy, failure) = await LoadForParticipantAsync<CaseView>(caller, id, EntryAction.CaseRead, includeHistory: true, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (record!.ShreddedAt is not null)
        {
            return await RefuseAsync<CaseView>(caller, EntryAction.CaseRead, record, policy, ExchangeErrors.CaseShredded, EntryReason.Shredded, cancellationToken).ConfigureAwait(false);
        }

        var disclosure = await DiscloseRegistrationAsync(caller, record, policy!, cancellationToken).ConfigureAwait(false);
        var view = await ViewAsync(record, disclosure, cancellationToken).ConfigureAwait(false);
        var index = await log.AppendAsync(disclosure.AddTo(Entry(caller, EntryAction.CaseRead, EntryDecision.Permitted, record, policy)), cancellationToken).ConfigureAwait(false);
        return ExchangeResult<CaseView>.Ok(view, index);
    }

    public async Task<ExchangeResult<CaseView>> AdmitAsync(Caller caller, Guid id, AdmitParticipant request, CancellationToken cancellationToken)
    {
        var (record, policy, failure) = await LoadForParticipantAsync<CaseView>(
            caller, id, EntryAction.CaseAdmit, includeHistory: true, cancellationToken, p => request.Party is null || p.FindParty(request.Party) is null ? ExchangeErrors.UnknownParty : null).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (!Directs(policy!, record!, caller.Party))
        {
            return await RefuseAsync<CaseView>(caller, EntryAction.CaseAdmit, record!, policy, ExchangeErrors.NotDirecting, EntryReason.NotDirectionHolder, cancellationToken).ConfigureAwait(false);
        }

        if (record!.ShreddedAt is not null || CaseStatusRules.IsFinished(record.Status))
        {
            return await RefuseAsync<CaseView>(caller, EntryAction.CaseAdmit, record, policy, ExchangeErrors.CaseFinished, EntryReason.CaseFinished, cancellationToken).ConfigureAwait(false);
        }

        if (record.Participants.Any(p => string.Equals(p.Party, request.Party, StringComparison.Ordinal)))
        {
            return await RefuseAsync<CaseView>(caller, EntryAction.CaseAdmit, record, policy, ExchangeErrors.AlreadyParticipant, EntryReason.AlreadyParticipant, cancellationToken).ConfigureAwait(false);
        }

        record.Participants.Add(new CaseParticipant { CaseId = id, Party = request.Party!, AdmittedAt = time.GetUtcNow(), AdmittedBy = caller.Party });
        var disclosure = await DiscloseRegistrationAsync(caller, record, policy!, cancellationToken).ConfigureAwait(false);
        var index = await CommitLoggedAsync(disclosure.AddTo(Entry(caller, EntryAction.CaseAdmit, EntryDecision.Permitted, record, policy) with { Admitted = request.Party }), cancellationToken).ConfigureAwait(false);
        return ExchangeResult<CaseView>.Ok(await ViewAsync(record, disclosure, cancellationToken).ConfigureAwait(false), index);
    }

    public async Task<ExchangeResult<CaseView>> HandOverAsync(Caller caller, Guid id, HandOverDirection request, CancellationToken cancellationToken)
    {
        var (record, policy, failure) = await LoadForParticipantAsync<CaseView>(caller, id, EntryAction.CaseDirection, includeHistory: true, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (request.Party is null || !record!.Participants.Any(p => string.Equals(p.Party, request.Party, StringComparison.Ordinal)))
        {
            return await RefuseAsync<CaseView>(caller, EntryAction.CaseDirection, record!, policy, ExchangeErrors.DirectionToParticipant, EntryReason.TargetNotParticipant, cancellationToken).ConfigureAwait(false);
        }

        if (!Directs(policy!, record, caller.Party))
        {
            return await RefuseAsync<CaseView>(caller, EntryAction.CaseDirection, record, policy, ExchangeErrors.NotDirecting, EntryReason.NotDirectionHolder, cancellationToken).ConfigureAwait(false);
        }

        if (record.ShreddedAt is not null || CaseStatusRules.IsFinished(record.Status))
        {
            return await RefuseAsync<CaseView>(caller, EntryAction.CaseDirection, record, policy, ExchangeErrors.CaseFinished, EntryReason.CaseFinished, cancellationToken).ConfigureAwait(false);
        }

        var previous = record.DirectionHolder;
        record.DirectionHolder = request.Party;
        var disclosure = await DiscloseRegistrationAsync(caller, record, policy!, cancellationToken).ConfigureAwait(false);
        var index = await CommitLoggedAsync(disclosure.AddTo(Entry(caller, EntryAction.CaseDirection, EntryDecision.Permitted, record, policy) with { Direction = new PartyChange(previous, request.Party) }), cancellationToken).ConfigureAwait(false);
        return ExchangeResult<CaseView>.Ok(await ViewAsync(record, disclosure, cancellationToken).ConfigureAwait(false), index);
    }

    public async Task<ExchangeResult<CaseView>> ChangeStatusAsync(Caller caller, Guid id, ChangeStatus request, CancellationToken cancellationToken)
    {
        if (!CaseStatusRules.TryParse(request.Status, out var status))
        {
            return ExchangeResult<CaseView>.Fail(ExchangeErrors.UnknownStatus);
        }

        var (record, policy, failure) = await LoadForParticipantAsync<CaseView>(caller, id, EntryAction.CaseStatus, includeHistory: true, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (!Directs(policy!, record!, caller.Party))
        {
            return await RefuseAsync<CaseView>(caller, EntryAction.CaseStatus, record!, policy, ExchangeErrors.NotDirecting, EntryReason.NotDirectionHolder, cancellationToken).ConfigureAwait(false);
        }

        if (!CaseStatusRules.CanMove(record!.Status, status))
        {
            return await RefuseAsync<CaseView>(caller, EntryAction.CaseStatus, record, policy, ExchangeErrors.BadTransition, EntryReason.TransitionNotAllowed, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var from = record.Status;
        record.Status = status;
        record.StatusChanges.Add(new CaseStatusChange { CaseId = id, From = from, To = status, At = now, By = caller.Party });
        if (CaseStatusRules.IsFinished(status))
        {
            // Closing starts the retention period of the case's purpose; then the data is destroyed (see RetentionJob).
            record.RetentionUntil = policy!.FindPurpose(record.Purpose)!.Retention.AddTo(now);
        }

        var disclosure = await DiscloseRegistrationAsync(caller, record, policy!, cancellationToken).ConfigureAwait(false);
        var index = await CommitLoggedAsync(disclosure.AddTo(Entry(caller, EntryAction.CaseStatus, EntryDecision.Permitted, record, policy) with { Status = new StatusChange(from.ToLogged(), status.ToLogged()) }), cancellationToken).ConfigureAwait(false);
        return ExchangeResult<CaseView>.Ok(await ViewAsync(record, disclosure, cancellationToken).ConfigureAwait(false), index);
    }
}
