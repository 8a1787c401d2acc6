using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Avz.Identity.Storage;

/// <summary>
/// Where partner clients and used assertion ids live: <c>identity.db</c> in the data directory (default), or a
/// PostgreSQL database shared by several gateway nodes (<c>Identity:Store Postgres</c>), so a client registered on one
/// node is known on all and an assertion used on one is refused on every other (RFC 7523 §3, jti replay).
/// </summary>
internal static class IdentityDatabase
{
    public static void Configure(DbContextOptionsBuilder options, string dataDirectory, string? postgres)
    {
        if (postgres is null)
        {
            options.UseSqlite($"Data Source={Path.Combine(dataDirectory, IdentityServiceCollectionExtensions.DatabaseFile)}");
        }
        else
        {
            options.UseNpgsql(postgres);
        }

        options.UseOpenIddict();
    }

    /// <summary>
    /// Creates the schema when the database has none. Two nodes starting at once may both try; the loser finds the
    /// tables made by the winner (PostgreSQL 42P07, duplicate table) and goes on.
    /// </summary>
    public static async Task EnsureCreatedAsync(IdentityDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
        {
            // Created concurrently by another node.
        }
    }
}
