using Avz.Identity.Storage;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Api.Tests;

public sealed class IdentityModelTests
{
    [Fact]
    public void EveryIdentityProvider_HasAMigrationForTheCurrentModel()
    {
        // No connection is opened: the model is compared with each provider's migration snapshot.
        using var sqlite = new SqliteIdentityDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresIdentityDesignTimeFactory().CreateDbContext([]);
        foreach (DbContext db in (DbContext[])[sqlite, postgres])
        {
            Assert.False(db.Database.HasPendingModelChanges(), $"{db.GetType().Name}: the model changed without a migration.");
            Assert.NotEmpty(db.Database.GetMigrations());
        }
    }
}
