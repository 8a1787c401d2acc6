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

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithName("Live").WithSummary("The process is up.");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthResponse.WriteAsync })
            .WithName("Ready")
            .WithSummary("The access log and the convenant policies are usable.");
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
