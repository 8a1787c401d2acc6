using Avz.Identity.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Identity;

/// <summary>Opens the identity database of a data directory outside the gateway, for the <c>avz clients</c> and <c>avz staff</c> commands.</summary>
public static class IdentityStore
{
    /// <summary>A service provider with the client registry over <c>identity.db</c> in the data directory (created when missing).</summary>
    /// <param name="dataDirectory">The gateway's data directory.</param>
    /// <param name="postgres">A PostgreSQL connection string when the gateway runs with Identity:Store Postgres; null for identity.db.</param>
    /// <returns>The provider; dispose it when done.</returns>
    public static ServiceProvider Open(string dataDirectory, string? postgres = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        IdentityDatabase.Register(services, postgres is not null, _ => dataDirectory, _ => postgres);
        services.AddOpenIddict().AddCore(core => IdentityDatabase.UseStores(core, postgres is not null));
        services.AddScoped<PartnerClients>();
        StaffAccounts.Register(services);
        var provider = services.BuildServiceProvider();
        using (var scope = provider.CreateScope())
        {
            IdentityDatabase.MigrateAsync(scope.ServiceProvider.GetRequiredService<IdentityDbContext>(), CancellationToken.None).GetAwaiter().GetResult();
        }

        return provider;
    }
}
