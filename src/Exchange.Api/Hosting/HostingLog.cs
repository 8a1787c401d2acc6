namespace Avz.Exchange.Api.Hosting;

/// <summary>Log events of the host. Never a field value, BSN, token or key.</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "The access log could not store an entry; the request was refused (fail closed)")]
    public static partial void AuditUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Created a new access-log signing key in {Path}; back it up, and publish the verifier key {VerifierKey}")]
    public static partial void AuditKeyCreated(ILogger logger, string path, string verifierKey);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Key or decryption failure, nothing released: {Reason}")]
    public static partial void KeyFailure(ILogger logger, string reason);
}
