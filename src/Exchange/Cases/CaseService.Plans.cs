using System.Text;
using Avz.Audit.Entries;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Avz.Policy;
using Avz.Policy.Model;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

/// <summary>
/// The plan of approach (persoonsgericht plan): actions with an owner party, a due date and a status. The description
/// is a value like any other: encrypted under the case's data key, and read under the policy's reserved
/// <c>plan-action</c> category with the owner as supplier, so each participant reads the actions the convenant lets it.
/// </summary>
internal sealed partial class CaseService
{
    private const int MaxDescription = 2000;

    public async Task<ExchangeResult<PlanActionView>> AddPlanActionAsync(Caller caller, Guid id, AddPlanAction request, CancellationToken cancellationToken)
    {
        var (record, policy, failure) = await LoadForParticipantAsync<PlanActionView>(caller, id, EntryAction.PlanAdd, includeHistory: false, cancellationToken, _ =>
            request.Description is not { Length: > 0 and <= MaxDescription } || string.IsNullOrWhiteSpace(request.Description) ? ExchangeErrors.PlanDescriptionRequired
            : request.Due is null ? ExchangeErrors.PlanDueRequired
            : null).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (await RefusedStateAsync<PlanActionView>(caller, EntryAction.PlanAdd, record!, policy!, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!Directs(policy!, record!, caller.Party))
        {
            return await RefuseAsync<PlanActionView>(caller, EntryAction.PlanAdd, record!, policy, ExchangeErrors.NotDirecting, EntryReason.NotDirectionHolder, cancellationToken).ConfigureAwait(false);
        }

        if (request.Owner is null || !record!.Participants.Any(p => p.Party == request.Owner))
        {
            return await RefuseAsync<PlanActionView>(caller, EntryAction.PlanAdd, record!, policy, ExchangeErrors.PlanOwnerNotParticipant, EntryReason.TargetNotParticipant, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var (dataKey, key) = await keys.CurrentAsync(Db, id, cancellationToken).ConfigureAwait(false);
        var action = new PlanActionRecord
        {
            Id = Guid.CreateVersion7(now),
            CaseId = id,
            Owner = request.Owner,
            DueOn = request.Due!.Value,
            Status = PlanActionStatus.Open,
            AddedAt = now,
            AddedBy = caller.Party,
        };
        action.DescriptionCiphertext = keys.Encrypt(dataKey, key, action.Id.ToString(), CategoryDefinition.PlanActionDescription, Encoding.UTF8.GetBytes(request.Description!));
        action.History.Add(new PlanStatusChange { ActionId = action.Id, From = null, To = PlanActionStatus.Open, At = now, By = caller.Party });
        Db.PlanActions.Add(action);
        if (action.Owner != caller.Party)
        {
            House.Notifications.Add(Db, action.Owner, House.Notifications.ActionAdded, record.Convenant, now, caseId: id, actionId: action.Id);
        }

        var index = await CommitLoggedAsync(
            Entry(caller, EntryAction.PlanAdd, EntryDecision.Permitted, record, policy) with
            {
                PlanAction = new PlanActionReference(action.Id.ToString(), action.Owner, PlanActionStatus.Open, null, null),
                Supplied = [CategoryDefinition.PlanAction + "/" + CategoryDefinition.PlanActionDescription],
            },
            cancellationToken).ConfigureAwait(false);
        return ExchangeResult<PlanActionView>.Ok(PlanActionViewOf(action, request.Description!, policy!, now), index);
    }

    public async Task<ExchangeResult<PlanActionView>> ChangePlanStatusAsync(Caller caller, Guid id, Guid actionId, ChangePlanStatus request, CancellationToken cancellationToken)
    {
        var (record, policy, failure) = await LoadForParticipantAsync<PlanActionView>(caller, id, EntryAction.PlanStatus, includeHistory: false, cancellationToken, _ =>
            PlanWords.Parse(request.Status) is null ? ExchangeErrors.PlanStatusUnknown : null).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (await RefusedStateAsync<PlanActionView>(caller, EntryAction.PlanStatus, record!, policy!, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var action = await Db.PlanActions.Include(a => a.History).FirstOrDefaultAsync(a => a.Id == actionId && a.CaseId == id, cancellationToken).ConfigureAwait(false);
        if (action is null)
        {
            return await RefuseAsync<PlanActionView>(caller, EntryAction.PlanStatus, record!, policy, ExchangeErrors.PlanActionNotFound, EntryReason.UnknownAction, cancellationToken).ConfigureAwait(false);
        }

        var reference = new PlanActionReference(action.Id.ToString(), action.Owner, null, null, null);
        if (action.Owner != caller.Party && !Directs(policy!, record!, caller.Party))
        {
            var index = await log.AppendAsync(Entry(caller, EntryAction.PlanStatus, EntryDecision.Refused, record, policy) with { PlanAction = reference, Reasons = [EntryReason.NotOwner] }, cancellationToken).ConfigureAwait(false);
            return ExchangeResult<PlanActionView>.Fail(ExchangeErrors.PlanNotOwner, index);
        }

        var to = PlanWords.Parse(request.Status)!.Value;
        if (!action.Status.Runs() || to == action.Status)
        {
            var index = await log.AppendAsync(Entry(caller, EntryAction.PlanStatus, EntryDecision.Refused, record, policy) with { PlanAction = reference, Reasons = [EntryReason.TransitionNotAllowed] }, cancellationToken).ConfigureAwait(false);
            return ExchangeResult<PlanActionView>.Fail(ExchangeErrors.PlanTransition, index);
        }

        var now = time.GetUtcNow();
        action.History.Add(new PlanStatusChange { ActionId = action.Id, From = action.Status, To = to, At = now, By = caller.Party });
        action.Status = to;
        var saved = await CommitLoggedAsync(Entry(caller, EntryAction.PlanStatus, EntryDecision.Permitted, record, policy) with { PlanAction = reference with { Status = to } }, cancellationToken).ConfigureAwait(false);

        // The answer shows the description only where the policy lets the caller read it (its own actions always).
        var plan = await ReadPlanCoreAsync(caller, record!, policy!, [action], cancellationToken).ConfigureAwait(false);
        var view = plan.Actions.Count == 1 ? plan.Actions[0] : PlanActionViewOf(action, null, policy!, now);
        return ExchangeResult<PlanActionView>.Ok(view, saved);
    }

    public async Task<ExchangeResult<PlanView>> ReadPlanAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var (record, policy, failure) = await LoadForParticipantAsync<PlanView>(caller, id, EntryAction.PlanRead, includeHistory: false, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (record!.ShreddedAt is not null)
        {
            return await RefuseAsync<PlanView>(caller, EntryAction.PlanRead, record, policy, ExchangeErrors.CaseShredded, EntryReason.Shredded, cancellationToken).ConfigureAwait(false);
        }

        var actions = await Db.PlanActions.AsNoTracking().Include(a => a.History).Where(a => a.CaseId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var plan = await ReadPlanCoreAsync(caller, record, policy!, actions, cancellationToken).ConfigureAwait(false);
        var index = await log.AppendAsync(
            Entry(caller, EntryAction.PlanRead, plan.Outcome, record, policy) with
            {
                Released = plan.Released,
                Withheld = plan.WithheldLog,
                Rules = plan.Rules,
                LegalBasis = plan.LegalBasis,
                Reasons = plan.OwnSupply ? [EntryReason.OwnSupply] : [],
            },
            cancellationToken).ConfigureAwait(false);
        return ExchangeResult<PlanView>.Ok(new PlanView(id, policy!.VersionHash, plan.Actions, plan.Withheld), index);
    }

    /// <summary>A closed, rejected or shredded case takes no plan changes: refused and logged.</summary>
    private async Task<ExchangeResult<T>?> RefusedStateAsync<T>(Caller caller, EntryAction action, CaseRecord record, CompiledPolicy policy, CancellationToken cancellationToken)
        where T : class =>
        record.ShreddedAt is not null ? await RefuseAsync<T>(caller, action, record, policy, ExchangeErrors.CaseShredded, EntryReason.Shredded, cancellationToken).ConfigureAwait(false)
        : record.Status is CaseStatus.Closed or CaseStatus.Rejected ? await RefuseAsync<T>(caller, action, record, policy, ExchangeErrors.CaseFinished, EntryReason.CaseFinished, cancellationToken).ConfigureAwait(false)
        : null;

    /// <summary>Decides and decrypts the actions one caller may read: its own always, others by the <c>plan-action</c> rules.</summary>
    private async Task<PlanRead> ReadPlanCoreAsync(Caller caller, CaseRecord record, CompiledPolicy policy, List<PlanActionRecord> actions, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var holdsDirection = string.Equals(record.DirectionHolder, caller.Party, StringComparison.Ordinal);
        var consents = await Db.Consents.AsNoTracking()
            .Where(c => c.CaseId == record.Id && c.WithdrawnAt == null && c.Purpose == record.Purpose)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var consent = AnyCovers(consents, now, CategoryDefinition.PlanAction, caller.Party);
        var field = CategoryDefinition.PlanAction + "/" + CategoryDefinition.PlanActionDescription;
        var read = new PlanRead();
        foreach (var action in actions.OrderBy(a => a.DueOn).ThenBy(a => a.Id))
        {
            WithheldReason? reason = null;
            if (action.Owner == caller.Party)
            {
                read.OwnSupply = true;
            }
            else if (policy.FindCategory(CategoryDefinition.PlanAction) is null)
            {
                reason = WithheldReason.NotPermitted;
            }
            else
            {
                var decision = policy.Decide(new DecisionRequest(caller.Party, action.Owner, record.Purpose, CategoryDefinition.PlanAction, now, consent, AccessMode.Normal, holdsDirection, [CategoryDefinition.PlanActionDescription]));
                if (decision.Status != DecisionStatus.Evaluated || decision.Permitted.Count == 0)
                {
                    reason = WithheldReason.NotPermitted;
                    if (decision.Status == DecisionStatus.Evaluated)
                    {
                        foreach (var withheldField in decision.Withheld)
                        {
                            reason = withheldField.Reason.ToLogged();
                        }
                    }
                }
                else
                {
                    foreach (var permitted in decision.Permitted)
                    {
                        read.RuleSet.Add(permitted.RuleId!);
                        read.Bases.Add(permitted.LegalBasis!);
                        if (permitted.Ground is { } ground)
                        {
                            read.Bases.Add(ground);
                        }
                    }
                }
            }

            if (reason is { } withheld)
            {
                read.Withheld.Add(new PlanActionWithheld(action.Id, action.Owner, Wire.Of(withheld)));
                read.WithheldReasons.Add(withheld);
                continue;
            }

            var plain = await keys.DecryptAsync(Db, new FieldPlace(record.Id, action.Id.ToString(), CategoryDefinition.PlanActionDescription), action.DescriptionCiphertext, cancellationToken).ConfigureAwait(false);
            read.Actions.Add(PlanActionViewOf(action, Encoding.UTF8.GetString(plain), policy, now));
            read.AnyReleased = true;
        }

        read.Released = read.AnyReleased ? [field] : [];
        read.WithheldLog = [.. read.WithheldReasons.Order().Select(r => new WithheldField(field, r))];
        read.Outcome = read.Withheld.Count == 0 ? EntryDecision.Permitted : read.Actions.Count == 0 ? EntryDecision.Withheld : EntryDecision.Partial;
        return read;
    }

    private static PlanActionView PlanActionViewOf(PlanActionRecord action, string? description, CompiledPolicy policy, DateTimeOffset now)
    {
        var ladder = policy.Document.Escalation;
        return new PlanActionView(
            action.Id,
            action.Owner,
            description,
            action.DueOn,
            action.Status.ToWire(),
            action.Status.Runs() && House.PlanMonitor.DueEnd(action.DueOn, policy) <= now,
            [.. ladder.Take(Math.Min(action.EscalationLevel, ladder.Count)).Select(s => s.Id)],
            [.. action.History.OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => new StatusChangeView(h.From?.ToWire(), h.To.ToWire(), h.At, h.By))]);
    }

    /// <summary>What one caller reads of a plan, and what its entry records.</summary>
    private sealed class PlanRead
    {
        public List<PlanActionView> Actions { get; } = [];

        public List<PlanActionWithheld> Withheld { get; } = [];

        public SortedSet<WithheldReason> WithheldReasons { get; } = [];

        public SortedSet<string> RuleSet { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Bases { get; } = new(StringComparer.Ordinal);

        public bool OwnSupply { get; set; }

        public bool AnyReleased { get; set; }

        public IReadOnlyList<string> Released { get; set; } = [];

        public IReadOnlyList<WithheldField> WithheldLog { get; set; } = [];

        public IReadOnlyList<string> Rules => [.. RuleSet];

        public IReadOnlyList<string> LegalBasis => [.. Bases];

        public EntryDecision Outcome { get; set; }
    }
}
