using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Hosting;

/// <summary>Registers what every gateway request goes through: options, problem details, health checks, OpenAPI.</summary>
public static class HostingServiceCollectionExtensions
{
    /// <summary>Adds the gateway's hosting services.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddGatewayHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        // No "Server: Kestrel" on every response: the gateway does not name its software to whoever probes it.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // RFC 9457 with a stable code, the trace id and the transaction id; never an exception's details.
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", ProblemCodes.ForStatus(status));
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
            if (context.HttpContext.Items[TransactionIdMiddleware.Header] is string transaction)
            {
                context.ProblemDetails.Extensions["transactionId"] = transaction;
            }

            context.ProblemDetails.Detail = status >= 500 ? null : context.ProblemDetails.Detail;
        });
        services.AddExceptionHandler<AuditUnavailableHandler>();
        services.AddExceptionHandler<KeyFailureHandler>();
        services.AddExceptionHandler<BadRequestHandler>();

        // Malformed bodies throw in every environment, so BadRequestHandler answers them with a coded problem.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddHealthChecks();
        services.AddOptions<ApiDocumentOptions>().Bind(configuration.GetSection(ApiDocumentOptions.SectionName));
        services.AddOptions<Avz.Audit.Review.ReviewOptions>().Bind(configuration.GetSection(Avz.Audit.Review.ReviewOptions.SectionName))
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Review:TimeZone is not a known IANA time zone, such as Europe/Amsterdam.")
            .Validate(o => o.Window > TimeSpan.Zero && o.RefusalBurstCount > 0 && o.FishingCount > 0 && o.VolumeFactor > 0 && o.VolumeMinimum >= 0 && o.VolumeHistoryDays > 0 && o.VolumeMinimumHistoryDays > 0, "Review: the window, counts, factor and days must be positive.")
            .Validate(o => o.OfficeHoursStart >= TimeSpan.Zero && o.OfficeHoursStart < o.OfficeHoursEnd && o.OfficeHoursEnd <= TimeSpan.FromDays(1), "Review:OfficeHoursStart must be before Review:OfficeHoursEnd, both within a day.")
            .ValidateOnStart();
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<SecuritySchemeTransformer>();
            options.AddOperationTransformer<SecuritySchemeTransformer>();
            options.AddOperationTransformer<ApiContractTransformer>();
            options.AddSchemaTransformer<ApiContractTransformer>();
        });
        return services;
    }
}
