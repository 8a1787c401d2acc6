namespace Avz.Exchange.Portal;

/// <summary>Log events of the portal. Never an address, password or code: accounts by id only.</summary>
internal static partial class PortalLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Development: {Count} demo staff account(s) created; their passwords and authenticator keys are in {Folder}")]
    public static partial void DevelopmentStaff(ILogger logger, int count, string folder);
}
