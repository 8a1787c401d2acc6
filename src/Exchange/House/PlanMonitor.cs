using Avz.Audit.Entries;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Avz.Policy;
using Avz.Policy.Model;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.House;

/// <summary>
/// Monitors the plans of approach: an action still open or stalled after its due date is overdue, and climbs the
/// convenant's escalation ladder one step at a time as each step's deadline passes. Each step is a
/// <c>plan.escalate</c> entry (written first, as every change) and a notification to the step's parties.
/// </summary>
public sealed class PlanMonitor
{
    private readonly ExchangeDbContext db;
    private readonly IPolicySource policies;
    private readonly LoggedSave saves;
    private readonly TimeProvider time;

    internal PlanMonitor(ExchangeDbContext db, IPolicySource policies, LoggedSave saves, TimeProvider time)
    {
        this.db = db;
        this.policies = policies;
        this.saves = saves;
        this.time = time;
    }

    /// <summary>The instant an action due on a date becomes overdue: the start of the next day in the convenant's time zone.</summary>
    /// <param name="due">The due date.</param>
    /// <param name="policy">The convenant's policy (its time zone).</param>
    /// <returns>The instant.</returns>
    public static DateTimeOffset DueEnd(DateOnly due, CompiledPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(policy.Document.Convenant.TimeZone);
        var local = due.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Takes every escalation step that is due.</summary>
    /// <param name="cancellationToken">Cancels the run between steps.</param>
    /// <returns>How many steps were taken.</returns>
    public async Task<int> EscalateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();

        // A day's margin either side of every time zone; the exact instant is decided per convenant below.
        var latestDue = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        var candidates = await db.PlanActions
            .Where(a => (a.Status == PlanActionStatus.Open || a.Status == PlanActionStatus.Stalled) && a.DueOn <= latestDue)
            .Join(db.Cases.Where(c => c.ShreddedAt == null && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Rejected), a => a.CaseId, c => c.Id, (a, c) => new { Action = a, Case = c })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var taken = 0;
        foreach (var candidate in candidates.OrderBy(c => c.Action.DueOn).ThenBy(c => c.Action.Id))
        {
            var (action, record) = (candidate.Action, candidate.Case);
            if (policies.Find(record.Convenant) is not { } policy)
            {
                continue;
            }

            var ladder = policy.Document.Escalation;
            var end = DueEnd(action.DueOn, policy);
            while (action.EscalationLevel < ladder.Count && now >= ladder[action.EscalationLevel].After.AddTo(end))
            {
                var step = ladder[action.EscalationLevel];
                var targets = Targets(step, action, record, policy);
                foreach (var party in targets)
                {
                    Notifications.Add(db, party, Notifications.Escalated, record.Convenant, now, caseId: record.Id, actionId: action.Id, step: step.Id);
                }

                action.EscalationLevel++;
                await saves.SaveAsync(
                    db,
                    new AccessLogEntry
                    {
                        Convenant = record.Convenant,
                        Party = RetentionJob.SystemParty,
                        Action = EntryAction.PlanEscalate,
                        Case = record.Id.ToString(),
                        Subject = record.SubjectPseudonym,
                        Purpose = record.Purpose,
                        PolicyVersion = policy.VersionHash,
                        Decision = EntryDecision.Permitted,
                        PlanAction = new PlanActionReference(action.Id.ToString(), action.Owner, action.Status, step.Id, targets),
                    },
                    cancellationToken).ConfigureAwait(false);
                taken++;
            }
        }

        return taken;
    }

    private static string[] Targets(EscalationStep step, PlanActionRecord action, CaseRecord record, CompiledPolicy policy) => step.To switch
    {
        EscalationStep.Owner => [action.Owner],
        EscalationStep.DirectionHolder => [record.DirectionHolder],
        EscalationStep.House => [.. policy.Document.Parties.Where(p => p.Kind == PartyKind.House).Select(p => p.Id).Order(StringComparer.Ordinal)],
        _ => [step.To],
    };
}
