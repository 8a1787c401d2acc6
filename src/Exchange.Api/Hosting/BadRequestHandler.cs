using Microsoft.AspNetCore.Diagnostics;

namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// Malformed bodies (invalid JSON, a value of the wrong JSON type, a missing body or content type) become a 400 problem
/// with <c>AVZ-REQUEST-0001</c>, before any handler runs: nothing is read, stored or logged. The parser's message is
/// not echoed, as it may quote the input.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const string Code = "AVZ-REQUEST-0001";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request body is missing or is not valid JSON for this operation.",
                Extensions = { ["code"] = bad.StatusCode == StatusCodes.Status400BadRequest ? Code : ProblemCodes.ForStatus(bad.StatusCode) },
            },
        }).ConfigureAwait(false);
    }
}
