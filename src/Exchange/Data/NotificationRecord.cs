namespace Avz.Exchange.Data;

/// <summary>
/// Something a party is told: what happened and to which case, action or signal; never content, so the party fetches
/// under the policy. Polled at <c>GET /v1/notifications</c> and, where the party has a webhook, delivered to it.
/// </summary>
internal sealed class NotificationRecord
{
    public long Id { get; set; }

    public required string Party { get; set; }

    /// <summary>What happened: <c>plan.action-added</c>, <c>plan.escalated</c>, <c>signal.match</c>.</summary>
    public required string Type { get; set; }

    public required string Convenant { get; set; }

    public Guid? CaseId { get; set; }

    public Guid? ActionId { get; set; }

    public Guid? SignalId { get; set; }

    /// <summary>The escalation step, for <c>plan.escalated</c>.</summary>
    public string? Step { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Webhook delivery: attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>Webhook delivery: not before this instant; null when the party has no webhook or delivery ended.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>When delivery was given up after the last retry.</summary>
    public DateTimeOffset? FailedAt { get; set; }
}
