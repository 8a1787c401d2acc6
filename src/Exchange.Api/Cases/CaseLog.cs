namespace Avz.Exchange.Api.Cases;

/// <summary>The case module's log events. Never a field value, a BSN or key material.</summary>
internal static partial class CaseLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Created a new key-encryption key ring at {Path}; back it up: without it no stored value can be decrypted")]
    public static partial void KeyFileCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Case database ready ({Provider}), {Applied} migration(s) applied")]
    public static partial void DatabaseReady(ILogger logger, string provider, int applied);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Retention: destroyed the data of {Count} case(s)")]
    public static partial void Shredded(ILogger logger, int count);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Plans: {Count} escalation step(s) taken for overdue actions; each has a plan.escalate entry")]
    public static partial void Escalated(ILogger logger, int count);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Early signals: {Count} signal(s) reached the end of their validity; each has a signal.expire entry")]
    public static partial void SignalsExpired(ILogger logger, int count);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Retention run failed; it is retried at the next interval")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Reconciliation: {Count} supply entries told of items the database never stored (a process stopped between entry and save); each now has a not-stored entry")]
    public static partial void Reconciled(ILogger logger, int count);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "A stored value did not decrypt: {Reason}")]
    public static partial void DecryptionFailed(ILogger logger, string reason);
}
