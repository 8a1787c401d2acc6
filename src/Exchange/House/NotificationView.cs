namespace Avz.Exchange.House;

/// <summary>A notification: what happened, and to what; never content.</summary>
/// <param name="Id">Its id; increasing, the cursor of <c>GET /v1/notifications?after=</c>.</param>
/// <param name="Type"><c>plan.action-added</c>, <c>plan.escalated</c> or <c>signal.match</c>.</param>
/// <param name="Time">When it happened.</param>
/// <param name="Convenant">The convenant.</param>
/// <param name="CaseId">The case, for plan notifications.</param>
/// <param name="ActionId">The plan action, for plan notifications.</param>
/// <param name="SignalId">The party's signal (the new one, for the house), for <c>signal.match</c>.</param>
/// <param name="Step">The escalation step reached, for <c>plan.escalated</c>.</param>
public sealed record NotificationView(long Id, string Type, DateTimeOffset Time, string Convenant, Guid? CaseId, Guid? ActionId, Guid? SignalId, string? Step);

/// <summary>A page of notifications.</summary>
/// <param name="Notifications">Oldest first.</param>
/// <param name="Next">The cursor for the next page: the last id given (or the one asked for when none).</param>
public sealed record NotificationList(IReadOnlyList<NotificationView> Notifications, long Next);
