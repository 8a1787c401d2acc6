using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Tests.Data;

public sealed class ModelTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.Postgres, "Host=localhost;Database=unused")]
    [InlineData(DatabaseProvider.SqlServer, "Server=localhost;Database=unused")]
    public void EveryProvider_HasAMigrationForTheCurrentModel(DatabaseProvider provider, string connectionString)
    {
        // No connection is opened: the check compares the model with the provider's migration snapshot.
        using var db = ExchangeDatabase.Create(provider, connectionString);
        Assert.False(db.Database.HasPendingModelChanges(), $"The model changed without a {provider} migration; see src/Exchange/README.md.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
