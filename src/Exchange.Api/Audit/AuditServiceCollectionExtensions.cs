using Avz.Audit;
using Avz.Audit.Storage;
using Avz.Exchange.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Audit;

/// <summary>Opens the access log in the data directory: <c>audit.db</c> and the checkpoint key <c>audit-signing.key</c>.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>The log's database file in the data directory.</summary>
    public const string DatabaseFile = "audit.db";

    /// <summary>Registers the access log (one per process, opened on first use, flushed with a final checkpoint at shutdown).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the <c>Audit</c> section.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddAccessLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccessLogOptions>().Bind(configuration.GetSection(AccessLogOptions.SectionName))
            .Validate(o => o.CheckpointInterval > TimeSpan.Zero && o.CheckpointInterval <= TimeSpan.FromMinutes(1), "Audit:CheckpointInterval must lie between 0 and 1 minute.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Origin) && !o.Origin.Contains(' ', StringComparison.Ordinal) && !o.Origin.Contains('+', StringComparison.Ordinal), "Audit:Origin must be a name without spaces or '+', such as avz.example.nl/access-log.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AccessLogOptions>>().Value;
            var folder = provider.GetRequiredService<IOptions<StorageOptions>>().Value.Resolve(provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
            var keyPath = Path.Combine(folder, AuditKeyFile.FileName);
            Avz.Audit.Notes.NoteSigner signer;
            try
            {
                signer = AuditKeyFile.LoadOrCreate(keyPath, options.Origin, out var created);
                if (created)
                {
                    HostingLog.AuditKeyCreated(provider.GetRequiredService<ILogger<AccessLog>>(), keyPath, signer.VerifierKey);
                }
            }
            catch (InvalidOperationException e)
            {
                throw new GatewayConfigurationException(e.Message, e);
            }

            return AccessLog.Open(new SqliteAuditStore(Path.Combine(folder, DatabaseFile)), signer, provider.GetRequiredService<TimeProvider>(), options);
        });
        services.AddHealthChecks().AddCheck<AuditHealthCheck>("access-log", tags: [HostingApplicationBuilderExtensions.ReadyTag]);
        services.AddHostedService<AccessLogWarmup>();
        return services;
    }
}
