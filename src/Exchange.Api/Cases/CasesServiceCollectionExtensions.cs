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
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .Validate(o => o.ParsedProvider is not null, "Database:Provider must be Sqlite, Postgres or SqlServer.")
            .Validate(o => o.ParsedProvider is not (DatabaseProvider.Postgres or DatabaseProvider.SqlServer) || !string.IsNullOrWhiteSpace(o.ConnectionString), "Database:ConnectionString is required for PostgreSQL and SQL Server.")
            .ValidateOnStart();
        services.AddOptions<KeyEncryptionOptions>().Bind(configuration.GetSection(KeyEncryptionOptions.SectionName))
            .Validate(o => o.Provider is "local" or "pkcs11" or "azure-key-vault", "KeyEncryption:Provider must be local, pkcs11 or azure-key-vault.")
            .Validate(o => o.Provider != "pkcs11" || (!string.IsNullOrWhiteSpace(o.Pkcs11Library) && !string.IsNullOrWhiteSpace(o.Pkcs11TokenLabel) && !string.IsNullOrEmpty(o.Pkcs11Pin)), "KeyEncryption:Provider pkcs11 needs KeyEncryption:Pkcs11Library, Pkcs11TokenLabel and Pkcs11Pin.")
            .Validate(o => o.Provider != "azure-key-vault" || (o.VaultUri is not null && !string.IsNullOrWhiteSpace(o.VaultKeyName)), "KeyEncryption:Provider azure-key-vault needs KeyEncryption:VaultUri and VaultKeyName.")
            .ValidateOnStart();

        // The default SQLite file lives in the data directory, which is only known once the host is built.
        services.AddCaseExchange(
            provider => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ParsedProvider ?? DatabaseProvider.Sqlite,
            provider => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString is { Length: > 0 } configured
                ? configured
                : $"Data Source={Path.Combine(StorageOptions.DataDirectoryOf(provider), DatabaseOptions.DefaultFile)}");

        services.AddSingleton<IPolicySource>(s => s.GetRequiredService<PolicyCatalog>());
        services.AddSingleton(KeyEncryptionKeys.Create);
        services.AddHostedService<ExchangeDatabaseMigrator>();
        services.AddHostedService<RetentionService>();
        services.AddHealthChecks()
            .AddCheck<ExchangeDatabaseHealthCheck>("database", tags: [HostingApplicationBuilderExtensions.ReadyTag])
            .AddCheck<KeyEncryptionHealthCheck>("key-encryption-key", tags: [HostingApplicationBuilderExtensions.ReadyTag]);
        return services;
    }
}
