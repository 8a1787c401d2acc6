namespace Avz.Exchange.Api.Policies;

/// <summary>Registers the convenant policies.</summary>
public static class PolicyServiceCollectionExtensions
{
    /// <summary>Binds <see cref="PolicyOptions"/> and loads the policies when the host starts, so an invalid policy stops the start.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the <c>Policies</c> section.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddConvenantPolicies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PolicyOptions>()
            .Bind(configuration.GetSection(PolicyOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<PolicyCatalog>();
        services.AddHostedService<PolicyCatalogWarmup>();
        services.AddHealthChecks().AddCheck<PolicyHealthCheck>("policies", tags: [Hosting.HostingApplicationBuilderExtensions.ReadyTag]);
        return services;
    }
}
