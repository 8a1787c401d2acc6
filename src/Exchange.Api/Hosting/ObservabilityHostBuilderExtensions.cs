using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Events;

namespace Avz.Exchange.Api.Hosting;

/// <summary>Logging (Serilog: console, Seq when <c>Seq:ServerUrl</c> is set) and OpenTelemetry traces and metrics (OTLP when <c>OpenTelemetry:OtlpEndpoint</c> is set).</summary>
public static class ObservabilityHostBuilderExtensions
{
    /// <summary>Adds logging and telemetry.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder AddGatewayObservability(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = ObservabilityOptions.From(builder.Configuration);
        var seq = settings.SeqServerUrl;

        // Serilog owns the output; other ILoggerProviders (a test's capture, say) receive the same events.
        builder.Logging.ClearProviders();
        // Each host keeps its own logger (preserveStaticLogger): several hosts in one process, as in the tests, must
        // not route their events through whichever set the static Log.Logger last.
        builder.Services.AddSerilog((_, logger) => ConfigureSerilog(logger, seq), preserveStaticLogger: true, writeToProviders: true);
        CachingLoggerFactory.Decorate(builder.Services);

        var otlp = settings.OtlpEndpoint;
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp is null)
                {
                    // Nothing receives spans: each request keeps its trace context (problem responses and access-log
                    // entries carry its trace id), but its span is not recorded, tagged and then dropped (issue 16:
                    // about 4 % of the session call's CPU went into spans nobody exported).
                    tracing.SetSampler(new AlwaysOffSampler());
                }
            })
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation());
        if (otlp is not null)
        {
            telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, otlp);
        }

        return builder;
    }

    private static void ConfigureSerilog(LoggerConfiguration logger, string? seq)
    {
        logger.MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)

            // OpenIddict logs every token request's parameters at Information, whatever their size; an unauthenticated
            // caller could fill the log with them. The gateway logs issued tokens itself (client, party, scopes).
            .MinimumLevel.Override("OpenIddict", LogEventLevel.Warning)

            // The API's bearer scheme answers challenges and refusals itself (handing them to OpenIddict), and ASP.NET
            // Core logs each at Information: one line per unauthenticated call, as OpenIddict's would be.
            .MinimumLevel.Override("Avz.Identity.CachedBearerHandler", LogEventLevel.Warning)

            // A start-up failure is reported as one sentence by StartupFailure; the host's own stack trace is noise.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting", LogEventLevel.Fatal)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrWhiteSpace(seq))
        {
            logger.WriteTo.Seq(seq, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
