using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Data;

/// <summary>Builds a provider's context options and applies its migrations.</summary>
internal static class ExchangeDatabase
{
    public static ExchangeDbContext Create(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteExchangeDbContext(new DbContextOptionsBuilder<SqliteExchangeDbContext>().UseSqlite(connectionString).Options),
        DatabaseProvider.Postgres => new PostgresExchangeDbContext(new DbContextOptionsBuilder<PostgresExchangeDbContext>().UseNpgsql(connectionString).Options),
        DatabaseProvider.SqlServer => new SqlServerExchangeDbContext(new DbContextOptionsBuilder<SqlServerExchangeDbContext>().UseSqlServer(connectionString).Options),
    };

    /// <summary>Applies pending migrations; SQLite files get WAL and full fsync first, like the access log.</summary>
    public static async Task MigrateAsync(ExchangeDbContext db, CancellationToken cancellationToken)
    {
        if (db is SqliteExchangeDbContext)
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }

        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
