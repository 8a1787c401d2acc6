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

            return AccessLog.Open(OpenStore(configuration, folder), signer, provider.GetRequiredService<TimeProvider>(), options);
        });
        services.AddHealthChecks().AddCheck<AuditHealthCheck>("access-log", tags: [HostingApplicationBuilderExtensions.ReadyTag]);
        services.AddHostedService<AccessLogWarmup>();
        return services;
    }

    /// <summary>
    /// The log's store: <c>audit.db</c> in the data directory (default), or PostgreSQL when <c>Audit:Store</c> is
    /// <c>Postgres</c> (<c>Audit:ConnectionString</c>), where several gateway nodes share one log and its sequencer
    /// is chosen by an advisory lock.
    /// </summary>
    private static IAuditStore OpenStore(IConfiguration configuration, string folder)
    {
        var store = configuration["Audit:Store"] ?? "Sqlite";
        if (string.Equals(store, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return new SqliteAuditStore(Path.Combine(folder, DatabaseFile));
        }

        if (!string.Equals(store, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw new GatewayConfigurationException("Audit:Store must be Sqlite or Postgres.");
        }

        var connection = configuration["Audit:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new GatewayConfigurationException("Audit:Store Postgres needs Audit:ConnectionString.");
        }

        try
        {
            return new PostgresAuditStore(connection);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw new GatewayConfigurationException($"The access log's PostgreSQL database cannot be opened ({e.GetType().Name}); check Audit:ConnectionString.", e);
        }
    }
}
