using System.Text.RegularExpressions;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Avz.Exchange.Subjects;
using Avz.Policy.Model;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.House;

/// <summary>
/// Early signalling in the manner of the Verwijsindex risicojongeren: a partner records only <em>that</em> it is
/// involved with a person, valid for the policy's <c>signalValidity</c>. Two or more active signals from different
/// parties on one person make a match: each signalling party sees who else is involved (and the house sees every
/// match), nothing more. Signals are found by the person's blind index; no BSN is stored. Every signal, match, expiry,
/// read and "is this person known" question is an access-log entry, written before the answer leaves.
/// </summary>
public sealed partial class EarlySignals
{
    private readonly ExchangeDbContext db;
    private readonly IPolicySource policies;
    private readonly SubjectSecret subjects;
    private readonly LoggedSave saves;
    private readonly AccessLog log;
    private readonly TimeProvider time;
    private readonly WriteGate writes;

    internal EarlySignals(ExchangeDbContext db, IPolicySource policies, SubjectSecret subjects, LoggedSave saves, AccessLog log, TimeProvider time, WriteGate writes)
    {
        this.writes = writes;
        this.db = db;
        this.policies = policies;
        this.subjects = subjects;
        this.saves = saves;
        this.log = log;
        this.time = time;
    }

    /// <summary>Records a signal, or renews the caller's active one on the same person (a renewal makes no new match).</summary>
    /// <param name="caller">The partner.</param>
    /// <param name="request">The signal.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The signal with the other parties involved, and whether it is new.</returns>
    public async Task<ExchangeResult<RecordedSignal>> RecordAsync(Caller caller, RecordSignal request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var policy = request.Convenant is null ? null : policies.Find(request.Convenant);
        if (policy is null)
        {
            return ExchangeResult<RecordedSignal>.Fail(ExchangeErrors.UnknownConvenant);
        }

        if (!Bsn.IsValid(request.Subject))
        {
            return ExchangeResult<RecordedSignal>.Fail(ExchangeErrors.InvalidBsn);
        }

        if (request.ContactRole is null || !ContactRolePattern().IsMatch(request.ContactRole))
        {
            return ExchangeResult<RecordedSignal>.Fail(ExchangeErrors.ContactRoleInvalid);
        }

        var keys = await subjects.GetAsync(db, cancellationToken).ConfigureAwait(false);
        var pseudonym = keys.Pseudonym(request.Subject!);
        var entry = caller.Entry(EntryAction.SignalRecord, EntryDecision.Permitted) with { Convenant = policy.ConvenantId, Subject = pseudonym, PolicyVersion = policy.VersionHash };
        if (policy.FindParty(caller.Party) is null)
        {
            var refused = await log.AppendAsync(entry with { Decision = EntryDecision.Refused, Reasons = [EntryReason.NotInConvenant] }, cancellationToken).ConfigureAwait(false);
            return ExchangeResult<RecordedSignal>.Fail(ExchangeErrors.NotInConvenant, refused);
        }

        var now = time.GetUtcNow();
        var blind = keys.BlindIndex(request.Subject!);
        var active = await ActiveOnAsync(policy.ConvenantId, blind, now, cancellationToken).ConfigureAwait(false);
        var others = active.Where(s => s.Party != caller.Party).ToList();
        var ownActive = active.FirstOrDefault(a => a.Party == caller.Party);
        var own = ownActive is null ? null : await db.Signals.FirstAsync(s => s.Id == ownActive.Id, cancellationToken).ConfigureAwait(false);
        var created = own is null;
        if (own is null)
        {
            own = new SignalRecord
            {
                Id = Guid.CreateVersion7(now),
                Convenant = policy.ConvenantId,
                SubjectIndex = blind,
                SubjectPseudonym = pseudonym,
                Party = caller.Party,
                ContactRole = request.ContactRole,
                RecordedAt = now,
                ValidUntil = policy.Document.Convenant.SignalValidity.AddTo(now),
            };
            db.Signals.Add(own);
        }
        else
        {
            own.ContactRole = request.ContactRole;
            own.RecordedAt = now;
            own.ValidUntil = policy.Document.Convenant.SignalValidity.AddTo(now);
        }

        var index = await saves.SaveAsync(db, entry with { Signals = Parties(others) }, cancellationToken).ConfigureAwait(false);
        if (created && others.Count > 0)
        {
            // A new party makes a (larger) match: its own entry, durable before anyone is told.
            index = await log.AppendAsync(entry with { Action = EntryAction.SignalMatch, Signals = Parties([.. others, own]) }, cancellationToken).ConfigureAwait(false);

            // Then the others and the house are told, each with its own signal's id (the house: the new one).
            foreach (var other in others)
            {
                Notifications.Add(db, other.Party, Notifications.SignalMatch, policy.ConvenantId, now, signalId: other.Id);
            }

            foreach (var house in policy.Document.Parties.Where(p => p.Kind == PartyKind.House && p.Id != caller.Party && others.All(o => o.Party != p.Id)))
            {
                Notifications.Add(db, house.Id, Notifications.SignalMatch, policy.ConvenantId, now, signalId: own.Id);
            }

            using (await writes.EnterAsync(db, CancellationToken.None).ConfigureAwait(false))
            {
                await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }

        return ExchangeResult<RecordedSignal>.Ok(new RecordedSignal(View(own, others), created), index);
    }

    /// <summary>The caller's active signals, each with the others involved; the house sees every signal that is part of a match.</summary>
    /// <param name="caller">The partner.</param>
    /// <param name="convenant">The convenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The signals.</returns>
    public async Task<ExchangeResult<SignalList>> ListAsync(Caller caller, string? convenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var policy = convenant is null ? null : policies.Find(convenant);
        if (policy is null)
        {
            return ExchangeResult<SignalList>.Fail(ExchangeErrors.UnknownConvenant);
        }

        var entry = caller.Entry(EntryAction.SignalRead, EntryDecision.Permitted) with { Convenant = policy.ConvenantId, PolicyVersion = policy.VersionHash };
        var party = policy.FindParty(caller.Party);
        if (party is null)
        {
            var refused = await log.AppendAsync(entry with { Decision = EntryDecision.Refused, Reasons = [EntryReason.NotInConvenant] }, cancellationToken).ConfigureAwait(false);
            return ExchangeResult<SignalList>.Fail(ExchangeErrors.NotInConvenant, refused);
        }

        var now = time.GetUtcNow();
        var all = await db.Signals.AsNoTracking().Where(s => s.Convenant == policy.ConvenantId && s.EndedAt == null && s.ValidUntil > now).ToListAsync(cancellationToken).ConfigureAwait(false);
        var bySubject = all.GroupBy(s => Convert.ToHexString(s.SubjectIndex)).ToDictionary(g => g.Key, g => g.ToList());
        var house = party.Kind == PartyKind.House;
        var listed = all
            .Where(s => house ? bySubject[Convert.ToHexString(s.SubjectIndex)].Select(x => x.Party).Distinct().Count() > 1 : s.Party == caller.Party)
            .OrderByDescending(s => s.RecordedAt)
            .Select(s => View(s, [.. bySubject[Convert.ToHexString(s.SubjectIndex)].Where(x => x.Party != s.Party)]))
            .ToList();
        var index = await log.AppendAsync(entry with { Counts = new EntryCounts { Hits = listed.Count } }, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<SignalList>.Ok(new SignalList(listed), index);
    }

    /// <summary>Whether a person is known: an active case in the convenant, or a match of signals. Yes or no only.</summary>
    /// <param name="caller">The partner.</param>
    /// <param name="query">The question.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public async Task<ExchangeResult<KnownAnswer>> KnownAsync(Caller caller, KnownQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var policy = query.Convenant is null ? null : policies.Find(query.Convenant);
        if (policy is null)
        {
            return ExchangeResult<KnownAnswer>.Fail(ExchangeErrors.UnknownConvenant);
        }

        if (!Bsn.IsValid(query.Subject))
        {
            return ExchangeResult<KnownAnswer>.Fail(ExchangeErrors.InvalidBsn);
        }

        var keys = await subjects.GetAsync(db, cancellationToken).ConfigureAwait(false);
        var entry = caller.Entry(EntryAction.SubjectKnown, EntryDecision.Permitted) with { Convenant = policy.ConvenantId, Subject = keys.Pseudonym(query.Subject!), PolicyVersion = policy.VersionHash };
        if (policy.FindParty(caller.Party) is null)
        {
            var refused = await log.AppendAsync(entry with { Decision = EntryDecision.Refused, Reasons = [EntryReason.NotInConvenant] }, cancellationToken).ConfigureAwait(false);
            return ExchangeResult<KnownAnswer>.Fail(ExchangeErrors.NotInConvenant, refused);
        }

        var blind = keys.BlindIndex(query.Subject!);
        var now = time.GetUtcNow();
        var known = await db.Cases.AnyAsync(
                c => c.Convenant == policy.ConvenantId && c.SubjectIndex == blind && c.ShreddedAt == null && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Rejected,
                cancellationToken).ConfigureAwait(false)
            || (await ActiveOnAsync(policy.ConvenantId, blind, now, cancellationToken).ConfigureAwait(false)).Select(s => s.Party).Distinct().Count() > 1;
        var index = await log.AppendAsync(entry with { Counts = new EntryCounts { Hits = known ? 1 : 0 } }, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<KnownAnswer>.Ok(new KnownAnswer(known), index);
    }

    /// <summary>Ends every signal whose validity has passed: a <c>signal.expire</c> entry each, then the mark.</summary>
    /// <param name="cancellationToken">Cancels the run between signals.</param>
    /// <returns>How many signals ended.</returns>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Signals.Where(s => s.EndedAt == null && s.ValidUntil <= now).OrderBy(s => s.ValidUntil).Take(500).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var signal in due)
        {
            signal.EndedAt = now;
            await saves.SaveAsync(
                db,
                new AccessLogEntry
                {
                    Convenant = signal.Convenant,
                    Party = RetentionJob.SystemParty,
                    Action = EntryAction.SignalExpire,
                    Subject = signal.SubjectPseudonym,
                    Decision = EntryDecision.Permitted,
                    Signals = [signal.Party],
                },
                cancellationToken).ConfigureAwait(false);
        }

        return due.Count;
    }

    private async Task<List<SignalRecord>> ActiveOnAsync(string convenant, byte[] blind, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Signals.AsNoTracking()
            .Where(s => s.Convenant == convenant && s.SubjectIndex == blind && s.EndedAt == null && s.ValidUntil > now)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    private static string[] Parties(IEnumerable<SignalRecord> signals) => [.. signals.Select(s => s.Party).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static SignalView View(SignalRecord signal, IEnumerable<SignalRecord> others) => new(
        signal.Id, signal.Convenant, signal.ContactRole, signal.RecordedAt, signal.ValidUntil,
        [.. others.OrderBy(o => o.Party, StringComparer.Ordinal).Select(o => new InvolvedParty(o.Party, o.ContactRole))]);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex ContactRolePattern();
}
