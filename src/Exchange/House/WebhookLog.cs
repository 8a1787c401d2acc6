using Microsoft.Extensions.Logging;

namespace Avz.Exchange.House;

/// <summary>Webhook delivery's log messages: ids, parties and status codes only, never a body or a secret.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Webhook of {Party} answered {Status} to notification {Id}; retried later")]
    public static partial void Refused(ILogger logger, long id, string party, int status);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Webhook of {Party} not reached for notification {Id} ({Error}); retried later")]
    public static partial void Unreachable(ILogger logger, long id, string party, string error);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "Webhook delivery of notification {Id} to {Party} given up after {Attempts} attempts; the party can still poll it")]
    public static partial void GaveUp(ILogger logger, long id, string party, int attempts);
}
