using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.House;

/// <summary>
/// What parties are told: that an action was given to them, that an overdue action reached them on the escalation
/// ladder, that their signal matched another's. Only the case, action or signal id and what happened, never content:
/// the party fetches the rest under the policy. Polled at <c>GET /v1/notifications</c>; delivered to a party's webhook
/// where one is configured.
/// </summary>
public sealed class Notifications
{
    /// <summary>An action of a case's plan was given to the party.</summary>
    public const string ActionAdded = "plan.action-added";

    /// <summary>An overdue action reached the party on the escalation ladder.</summary>
    public const string Escalated = "plan.escalated";

    /// <summary>The party's signal is part of a match.</summary>
    public const string SignalMatch = "signal.match";

    /// <summary>At most this many in one answer.</summary>
    public const int MaxLimit = 500;

    private readonly ExchangeDbContext db;
    private readonly AccessLog log;

    internal Notifications(ExchangeDbContext db, AccessLog log)
    {
        this.db = db;
        this.log = log;
    }

    /// <summary>The caller's notifications after a cursor (a <c>notification.read</c> entry first).</summary>
    /// <param name="caller">The partner.</param>
    /// <param name="after">Only those with a larger id; 0 for all.</param>
    /// <param name="limit">At most this many (1-500).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The notifications, oldest first.</returns>
    public async Task<ExchangeResult<NotificationList>> ListAsync(Caller caller, long after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (after < 0 || limit is < 1 or > MaxLimit)
        {
            return ExchangeResult<NotificationList>.Fail(ExchangeErrors.NotificationQuery);
        }

        var found = await db.Notifications.AsNoTracking()
            .Where(n => n.Party == caller.Party && n.Id > after)
            .OrderBy(n => n.Id)
            .Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var views = found.Select(View).ToList();
        var index = await log.AppendAsync(
            caller.Entry(EntryAction.NotificationRead, EntryDecision.Permitted) with
            {
                Cases = [.. found.Where(n => n.CaseId is not null).Select(n => n.CaseId!.Value.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                Counts = new EntryCounts { Hits = views.Count },
            },
            cancellationToken).ConfigureAwait(false);
        return ExchangeResult<NotificationList>.Ok(new NotificationList(views, found.Count == 0 ? after : found[^1].Id), index);
    }

    /// <summary>The wire form of a notification: the same for polling and for a webhook's CloudEvent data.</summary>
    internal static NotificationView View(NotificationRecord n) => new(n.Id, n.Type, n.At, n.Convenant, n.CaseId, n.ActionId, n.SignalId, n.Step);

    /// <summary>Adds a notification to the unit of work; it is stored with the change that caused it.</summary>
    internal static void Add(ExchangeDbContext db, string party, string type, string convenant, DateTimeOffset at, Guid? caseId = null, Guid? actionId = null, Guid? signalId = null, string? step = null) =>
        db.Notifications.Add(new NotificationRecord
        {
            Party = party,
            Type = type,
            Convenant = convenant,
            At = at,
            CaseId = caseId,
            ActionId = actionId,
            SignalId = signalId,
            Step = step,
            NextAttemptAt = at,
        });
}
