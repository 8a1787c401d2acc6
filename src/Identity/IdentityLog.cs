using Microsoft.Extensions.Logging;

namespace Avz.Identity;

/// <summary>The authorization server's own log events: client ids, parties and scopes, never an assertion or a token.</summary>
internal static partial class IdentityLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Issued an access token to client {ClientId} of party {Party} for scopes {Scopes}")]
    public static partial void TokenIssued(ILogger logger, string clientId, string party, string scopes);
}
