using Avz.Testing;
namespace Avz.Audit.Tests.Storage;

[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
