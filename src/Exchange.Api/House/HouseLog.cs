namespace Avz.Exchange.Api.House;

/// <summary>The house module's log messages.</summary>
internal static partial class HouseLog
{
    [LoggerMessage(EventId = 7010, Level = LogLevel.Error, Message = "Webhook delivery run failed; it is retried at the next interval")]
    public static partial void WebhookRunFailed(ILogger logger, Exception exception);
}
