using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Api.Policies;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Cases;

/// <summary>Wires the case exchange: database, key-encryption key, migrations at start-up, retention, readiness.</summary>
public static class CasesServiceCollectionExtensions
{
    /// <summary>Adds the case exchange.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleOptions<DatabaseOptions>(configuration, DatabaseOptions.SectionName, o => o.Problems());
        services.AddModuleOptions<KeyEncryptionOptions>(configuration, KeyEncryptionOptions.SectionName, o => o.Problems());
        services.AddModuleOptions<RetentionOptions>(configuration, RetentionOptions.SectionName, o => o.Problems());
        services.AddModuleOptions<WebhookOptions>(configuration, WebhookOptions.SectionName, o => o.Problems());
        services.AddHttpClient(House.WebhookService.Client, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        services.AddHostedService<House.WebhookService>();

        // The default SQLite file lives in the data directory, which is only known once the host is built.
        services.AddCaseExchange(
            provider => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ParsedProvider ?? DatabaseProvider.Sqlite,
            provider => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionStringFor(DataDirectory.Of(provider)));

        services.AddSingleton<IPolicySource>(s => s.GetRequiredService<PolicyCatalog>());
        services.AddSingleton(GatewayKeyEncryptionKey.Create);
        services.AddHostedService<ExchangeDatabaseMigrator>();
        services.AddHostedService<RetentionService>();
        services.AddHealthChecks()
            .AddCheck<ExchangeDatabaseHealthCheck>("database", tags: [HostingApplicationBuilderExtensions.ReadyTag])
            .AddCheck<KeyEncryptionHealthCheck>("key-encryption-key", tags: [HostingApplicationBuilderExtensions.ReadyTag]);
        return services;
    }
}
