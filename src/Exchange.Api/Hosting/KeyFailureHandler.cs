using Avz.Exchange.Encryption;
using Microsoft.AspNetCore.Diagnostics;

namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// A value that does not decrypt where it is stored (moved, altered, shredded) is a 500 with <c>AVZ-CRYPTO-0001</c>;
/// an unreachable key-encryption key is a 503 with <c>AVZ-KEY-0001</c>. Either way nothing is released; the log names
/// the place, never a value.
/// </summary>
internal sealed class KeyFailureHandler(IProblemDetailsService problems, ILogger<KeyFailureHandler> logger) : IExceptionHandler
{
    public const string DecryptionCode = "AVZ-CRYPTO-0001";
    public const string KeyUnavailableCode = "AVZ-KEY-0001";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title) = exception switch
        {
            FieldDecryptionException => (StatusCodes.Status500InternalServerError, DecryptionCode, "A stored value failed its integrity check; nothing was released."),
            KeyUnavailableException => (StatusCodes.Status503ServiceUnavailable, KeyUnavailableCode, "The key-encryption key is unavailable; nothing was released."),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        HostingLog.KeyFailure(logger, exception.Message);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Title = title, Extensions = { ["code"] = code } },
        }).ConfigureAwait(false);
    }
}
