using System.Text;
using Avz.Audit.Entries;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

internal sealed partial class CaseService
{
    private const int MaxEvidence = 500;

    public async Task<ExchangeResult<ConsentView>> RecordConsentAsync(Caller caller, Guid id, RecordConsent request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (record, policy, failure) = await LoadForParticipantAsync<ConsentView>(
            caller, id, EntryAction.ConsentRecord, includeHistory: false, cancellationToken, p => ValidateConsent(p, request, now)).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (!policy!.MayRecordConsent(caller.Party, string.Equals(record!.DirectionHolder, caller.Party, StringComparison.Ordinal)))
        {
            return await RefuseAsync<ConsentView>(caller, EntryAction.ConsentRecord, record, policy, ExchangeErrors.ConsentNotAuthorized, EntryReason.NotConsentAuthority, cancellationToken).ConfigureAwait(false);
        }

        var purpose = request.Purpose ?? record.Purpose;
        var categories = request.Categories!;
        var recipients = request.Recipients!;
        var evidence = request.EvidenceReference!;
        var validUntil = request.ValidUntil!.Value;
        if (record!.ShreddedAt is not null || CaseStatusRules.IsFinished(record.Status))
        {
            return await RefuseAsync<ConsentView>(caller, EntryAction.ConsentRecord, record, policy, ExchangeErrors.CaseFinished, EntryReason.CaseFinished, cancellationToken).ConfigureAwait(false);
        }

        var consentId = Guid.CreateVersion7(now);
        var (dataKey, key) = await keys.CurrentAsync(Db, id, cancellationToken).ConfigureAwait(false);
        var consent = new ConsentRecord
        {
            Id = consentId,
            CaseId = id,
            Purpose = purpose,
            Categories = string.Join(' ', categories.Distinct(StringComparer.Ordinal)),
            Recipients = string.Join(' ', recipients.Distinct(StringComparer.Ordinal)),
            EvidenceCiphertext = keys.Encrypt(dataKey, key, ConsentItem(consentId), "evidence", Encoding.UTF8.GetBytes(evidence)),
            RecordedAt = now,
            RecordedBy = caller.Party,
            ValidUntil = validUntil.ToUniversalTime(),
        };
        Db.Consents.Add(consent);
        var index = await CommitLoggedAsync(
            Entry(caller, EntryAction.ConsentRecord, EntryDecision.Permitted, record, policy) with { Consent = new ConsentReference(consentId.ToString(), consent.Categories.Split(' '), consent.Recipients.Split(' '), consent.ValidUntil) },
            cancellationToken).ConfigureAwait(false);
        return ExchangeResult<ConsentView>.Ok(await ViewAsync(consent, cancellationToken).ConfigureAwait(false), index);
    }

    public async Task<ExchangeResult<ConsentView>> WithdrawConsentAsync(Caller caller, Guid id, Guid consentId, CancellationToken cancellationToken)
    {
        var (record, policy, failure) = await LoadForParticipantAsync<ConsentView>(caller, id, EntryAction.ConsentWithdraw, includeHistory: false, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (!policy!.MayRecordConsent(caller.Party, string.Equals(record!.DirectionHolder, caller.Party, StringComparison.Ordinal)))
        {
            return await RefuseAsync<ConsentView>(caller, EntryAction.ConsentWithdraw, record, policy, ExchangeErrors.ConsentNotAuthorized, EntryReason.NotConsentAuthority, cancellationToken).ConfigureAwait(false);
        }

        var consent = await Db.Consents.FirstOrDefaultAsync(c => c.Id == consentId && c.CaseId == id, cancellationToken).ConfigureAwait(false);
        if (consent is null)
        {
            return await RefuseAsync<ConsentView>(caller, EntryAction.ConsentWithdraw, record, policy, ExchangeErrors.ConsentNotFound, EntryReason.UnknownConsent, cancellationToken).ConfigureAwait(false);
        }

        if (consent.WithdrawnAt is not null)
        {
            return await RefuseAsync<ConsentView>(caller, EntryAction.ConsentWithdraw, record, policy, ExchangeErrors.ConsentWithdrawn, EntryReason.ConsentWithdrawn, cancellationToken).ConfigureAwait(false);
        }

        // Withdrawn consent is kept, marked: it shows what was lawful before the withdrawal (AVG art. 7(3)).
        consent.WithdrawnAt = time.GetUtcNow();
        consent.WithdrawnBy = caller.Party;
        var index = await CommitLoggedAsync(Entry(caller, EntryAction.ConsentWithdraw, EntryDecision.Permitted, record, policy) with { Consent = new ConsentReference(consentId.ToString(), [], [], null) }, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<ConsentView>.Ok(await ViewAsync(consent, cancellationToken).ConfigureAwait(false), index);
    }

    public async Task<ExchangeResult<IReadOnlyList<ConsentView>>> ListConsentsAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var (record, policy, failure) = await LoadForParticipantAsync<IReadOnlyList<ConsentView>>(caller, id, EntryAction.ConsentRead, includeHistory: false, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (record!.ShreddedAt is not null)
        {
            return await RefuseAsync<IReadOnlyList<ConsentView>>(caller, EntryAction.ConsentRead, record, policy, ExchangeErrors.CaseShredded, EntryReason.Shredded, cancellationToken).ConfigureAwait(false);
        }

        var consents = await Db.Consents.AsNoTracking().Where(c => c.CaseId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var views = new List<ConsentView>(consents.Count);
        foreach (var consent in consents.OrderBy(c => c.RecordedAt).ThenBy(c => c.Id))
        {
            views.Add(await ViewAsync(consent, cancellationToken).ConfigureAwait(false));
        }

        var index = await log.AppendAsync(Entry(caller, EntryAction.ConsentRead, EntryDecision.Permitted, record, policy), cancellationToken).ConfigureAwait(false);
        return ExchangeResult<IReadOnlyList<ConsentView>>.Ok(views, index);
    }

    private static ExchangeError? ValidateConsent(Avz.Policy.CompiledPolicy policy, RecordConsent request, DateTimeOffset now)
    {
        if (request.Purpose is not null && policy.FindPurpose(request.Purpose) is null)
        {
            return ExchangeErrors.UnknownPurpose;
        }

        if (request.Categories is not { Count: > 0 } categories || categories.Any(c => c is null || policy.FindCategory(c) is null))
        {
            return request.Categories is { Count: > 0 } ? ExchangeErrors.UnknownCategory : ExchangeErrors.ConsentInvalid;
        }

        return request.Recipients is not { Count: > 0 } recipients || recipients.Any(r => r is null || policy.FindParty(r) is null)
            || request.EvidenceReference is not { Length: > 0 and <= MaxEvidence } evidence || string.IsNullOrWhiteSpace(evidence)
            || request.ValidUntil is not { } validUntil || validUntil <= now
            ? ExchangeErrors.ConsentInvalid
            : null;
    }

    private static string ConsentItem(Guid consentId) => "consent:" + consentId;

    private async Task<ConsentView> ViewAsync(ConsentRecord consent, CancellationToken cancellationToken)
    {
        var evidence = await keys.DecryptAsync(Db, new FieldPlace(consent.CaseId, ConsentItem(consent.Id), "evidence"), consent.EvidenceCiphertext, cancellationToken).ConfigureAwait(false);
        return new ConsentView(
            consent.Id,
            consent.Purpose,
            consent.Categories.Split(' '),
            consent.Recipients.Split(' '),
            Encoding.UTF8.GetString(evidence),
            consent.RecordedAt,
            consent.RecordedBy,
            consent.ValidUntil,
            consent.WithdrawnAt,
            consent.WithdrawnBy);
    }
}
