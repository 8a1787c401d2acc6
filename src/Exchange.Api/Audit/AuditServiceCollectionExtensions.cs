using Avz.Audit;
using Avz.Exchange.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Audit;

/// <summary>Opens the access log the <c>Audit</c> section configures, in the data directory (see <see cref="AccessLogFactory"/>).</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>Registers the access log (one per process, opened on first use, flushed with a final checkpoint at shutdown).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the <c>Audit</c> section.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAccessLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleOptions<AccessLogOptions>(configuration, AccessLogOptions.SectionName, o => o.Problems());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AccessLogOptions>>().Value;
            try
            {
                var log = AccessLogFactory.Open(options, DataDirectory.Of(provider), provider.GetRequiredService<TimeProvider>(), out var created);
                if (created)
                {
                    HostingLog.AuditKeyCreated(provider.GetRequiredService<ILogger<AccessLog>>(), Path.Combine(DataDirectory.Of(provider), AuditKeyFile.FileName), log.VerifierKey);
                }

                return log;
            }
            catch (InvalidOperationException e)
            {
                throw new GatewayConfigurationException(e.Message, e);
            }
        });
        services.AddSingleton(s => new Avz.Exchange.Oversight.LogIntegrity(
            s.GetRequiredService<AccessLog>(), s.GetRequiredService<IOptions<AccessLogOptions>>(), () => Hosting.DataDirectory.Of(s), s.GetRequiredService<TimeProvider>(), s.GetRequiredService<ILogger<Avz.Exchange.Oversight.LogIntegrity>>()));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuthorizationRefusalLog>();
        services.AddHealthChecks().AddCheck<AuditHealthCheck>("access-log", tags: [HostingApplicationBuilderExtensions.ReadyTag]);
        services.AddHostedService<AccessLogWarmup>();
        return services;
    }
}
