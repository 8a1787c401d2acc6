namespace Avz.Exchange.Api.Policies;

/// <summary>Registers the convenant policies.</summary>
public static class PolicyServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="PolicyOptions"/>, seeds and loads the policies when the host starts (so an invalid policy stops
    /// the start), and follows activations on other nodes. Register after the case exchange: seeding needs its database.
    /// </summary>
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
        services.AddHostedService<PolicyRefresh>();
        services.AddHealthChecks().AddCheck<PolicyHealthCheck>("policies", tags: [Hosting.HostingApplicationBuilderExtensions.ReadyTag]);
        return services;
    }
}
