using Avz.Testing;

namespace Avz.Exchange.Api.Tests.Cases;

[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
