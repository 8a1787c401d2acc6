using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Avz.Exchange.Api.Hosting;

/// <summary>The request pipeline and the host's own endpoints: health, OpenAPI, the API reference.</summary>
public static class HostingApplicationBuilderExtensions
{
    /// <summary>Tag of the health checks that decide readiness.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Adds the middleware and maps <c>/health/live</c>, <c>/health/ready</c>, <c>/openapi/v1.json</c> and <c>/scalar</c>.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication UseGatewayHosting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<TransactionIdMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Not async: the check passes on nearly every call, which then costs no state machine of its own to park and
        // resume while the request waits for the access log (issue 16).
        app.Use((context, next) =>
        {
            // RFC 6750 §2.3 allows a token in the query only where no header can be sent; §5.3 warns why (logs,
            // referrers). The gateway reads tokens from the Authorization header alone, and says so.
            if (!context.Request.Query.ContainsKey("access_token"))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Send the access token in the Authorization header, never in the URL.",
                    Extensions = { ["code"] = ProblemCodes.TokenInUrl },
                },
            }).AsTask();
        });

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithName("Live").WithSummary("The process is up.");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthResponse.WriteAsync })
            .WithName("Ready")
            .WithSummary("The access log and the convenant policies are usable.");
        // Only the documents that exist: any other name is a plain 404 problem, not a text page echoing the path.
        app.MapOpenApi("/openapi/{documentName:regex(^v1$)}.json");

        // NL API Design Rules (API-51): the document is published, unauthenticated, beside the API it describes.
        app.MapOpenApi("/v1/openapi.json");
        app.MapScalarApiReference();
        return app;
    }
}
