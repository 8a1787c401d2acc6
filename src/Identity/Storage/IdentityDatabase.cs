using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Core;

namespace Avz.Identity.Storage;

/// <summary>
/// Where partner clients and used assertion ids live: <c>identity.db</c> in the data directory (default), or a
/// PostgreSQL database shared by several gateway nodes (<c>Identity:Store Postgres</c>), so a client registered on one
/// node is known on all and an assertion used on one is refused on every other (RFC 7523 §3, jti replay).
/// </summary>
internal static class IdentityDatabase
{
    /// <summary>Registers the provider's context, and <see cref="IdentityDbContext"/> as an alias for it.</summary>
    public static void Register(IServiceCollection services, bool postgres, Func<IServiceProvider, string> dataDirectory, Func<IServiceProvider, string?> connection)
    {
        if (postgres)
        {
            services.AddDbContext<PostgresIdentityDbContext>((provider, options) => Quiet(options.UseNpgsql(connection(provider)).UseOpenIddict()));
            services.AddScoped<IdentityDbContext>(s => s.GetRequiredService<PostgresIdentityDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteIdentityDbContext>((provider, options) =>
                Quiet(options.UseSqlite($"Data Source={Path.Combine(dataDirectory(provider), IdentityServiceCollectionExtensions.DatabaseFile)}").UseOpenIddict()));
            services.AddScoped<IdentityDbContext>(s => s.GetRequiredService<SqliteIdentityDbContext>());
        }
    }

    /// <summary>
    /// A jti replay that races past the check meets the used-assertions key and is refused; that is an expected
    /// refusal, not an error, so EF Core's error events for a failed save log at Debug, without a stack trace at Error.
    /// </summary>
    private static DbContextOptionsBuilder Quiet(DbContextOptionsBuilder options) => options.ConfigureWarnings(warnings => warnings.Log(
        (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, Microsoft.Extensions.Logging.LogLevel.Debug),
        (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, Microsoft.Extensions.Logging.LogLevel.Debug)));

    /// <summary>Points OpenIddict's stores at the provider's context.</summary>
    public static void UseStores(OpenIddictCoreBuilder core, bool postgres)
    {
        if (postgres)
        {
            core.UseEntityFrameworkCore().UseDbContext<PostgresIdentityDbContext>();
        }
        else
        {
            core.UseEntityFrameworkCore().UseDbContext<SqliteIdentityDbContext>();
        }
    }

    /// <summary>Applies the provider's pending migrations (EF Core takes a lock, so nodes starting together do not collide).</summary>
    public static Task MigrateAsync(IdentityDbContext db, CancellationToken cancellationToken) => db.Database.MigrateAsync(cancellationToken);
}
