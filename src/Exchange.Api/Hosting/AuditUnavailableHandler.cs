using Avz.Audit;
using Microsoft.AspNetCore.Diagnostics;

namespace Avz.Exchange.Api.Hosting;

/// <summary>When the access log cannot store an entry the caller gets 503 and no data (fail closed); the cause is logged, not returned.</summary>
internal sealed class AuditUnavailableHandler(IProblemDetailsService problems, ILogger<AuditUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not AuditWriteException)
        {
            return false;
        }

        HostingLog.AuditUnavailable(logger, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The access log is unavailable; nothing was released.",
                Extensions = { ["code"] = ProblemCodes.AuditUnavailable },
            },
        }).ConfigureAwait(false);
    }
}
