namespace Avz.Exchange.Api.Policies;

/// <summary>Log events of the policy catalog.</summary>
internal static partial class PolicyLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Convenant policy {Convenant} version {Version} active ({VersionHash})")]
    public static partial void PolicyLoaded(ILogger logger, string convenant, string version, string versionHash);
}
