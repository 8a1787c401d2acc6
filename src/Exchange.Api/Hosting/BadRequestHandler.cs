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
        // A form the reader cannot decode (a %00, a malformed escape in the token endpoint's form) is bad input too.
        var status = exception switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            InvalidDataException => StatusCodes.Status400BadRequest,
            _ => 0,
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request body is missing or is not valid for this operation.",
                Extensions = { ["code"] = status == StatusCodes.Status400BadRequest ? Code : ProblemCodes.ForStatus(status) },
            },
        }).ConfigureAwait(false);
    }
}
