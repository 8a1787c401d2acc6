using Avz.Identity.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Identity;

/// <summary>Opens the identity database of a data directory outside the gateway, for the <c>avz clients</c> commands.</summary>
public static class IdentityStore
{
    /// <summary>A service provider with the client registry over <c>identity.db</c> in the data directory (created when missing).</summary>
    /// <param name="dataDirectory">The gateway's data directory.</param>
    /// <returns>The provider; dispose it when done.</returns>
    public static ServiceProvider Open(string dataDirectory)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<IdentityDbContext>(options =>
        {
            options.UseSqlite($"Data Source={Path.Combine(dataDirectory, IdentityServiceCollectionExtensions.DatabaseFile)}");
            options.UseOpenIddict();
        });
        services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>());
        services.AddScoped<PartnerClients>();
        var provider = services.BuildServiceProvider();
        using (var scope = provider.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<IdentityDbContext>().Database.EnsureCreated();
        }

        return provider;
    }
}
