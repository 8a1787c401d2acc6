namespace Avz.Exchange.Api.Policies;

/// <summary>Log events of the policy catalog.</summary>
internal static partial class PolicyLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Convenant policy {Convenant} version {Version} active on this node ({VersionHash})")]
    public static partial void PolicyLoaded(ILogger logger, string convenant, string version, string versionHash);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Convenant {Convenant} had no stored policy version; seeded from {File} ({VersionHash}) and made active")]
    public static partial void Seeded(ILogger logger, string convenant, string file, string versionHash);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Policy file {File} ({FileHash}) differs from the active version of convenant {Convenant} ({ActiveHash}) and is not applied; upload it (POST /v1/policies/{Convenant}/versions) to propose it for approval")]
    public static partial void FileDiffers(ILogger logger, string file, string fileHash, string convenant, string activeHash);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Checking for policy activations failed ({Error}); this node keeps deciding with the versions it has and tries again")]
    public static partial void RefreshFailed(ILogger logger, string error);
}
