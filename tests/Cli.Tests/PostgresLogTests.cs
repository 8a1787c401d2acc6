using Avz.Audit.Entries;
using Avz.Audit.Storage;
using Avz.Testing;

namespace Avz.Cli.Tests;

/// <summary>With the gateway's access log and client registry in PostgreSQL (Audit:Store and Identity:Store Postgres), administration works there.</summary>
public sealed class PostgresLogTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private readonly DirectoryInfo dataDir = Directory.CreateTempSubdirectory("avz-cli-pg-");

    [Fact]
    public void ClientChanges_GoToThePostgresRegistryAndLog_WhenAskedTo()
    {
        var connection = postgres.CreateDatabase();
        var registry = postgres.CreateDatabase();
        var jwks = Path.Combine(dataDir.FullName, "public.jwks");
        var (privateKey, _) = Avz.Identity.ClientAssertions.NewKeyPair("k1");
        var key = new Dictionary<string, string> { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = privateKey.X, ["y"] = privateKey.Y, ["kid"] = "k1" };
        File.WriteAllText(jwks, System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { key } }));

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = AvzCli.Run(
            ["clients", "add", "--party", "politie", "--jwks", jwks, "--client-id", "politie-lms", "--policies", Path.Combine(RepositoryPaths.Root, "policies"), "--data-dir", dataDir.FullName, "--audit-postgres", connection, "--identity-postgres", registry],
            output,
            error);

        Assert.True(exit == 0, error.ToString());
        Assert.False(File.Exists(Path.Combine(dataDir.FullName, "audit.db")));
        Assert.False(File.Exists(Path.Combine(dataDir.FullName, "identity.db")));
        using (var listOutput = new StringWriter())
        {
            Assert.Equal(0, AvzCli.Run(["clients", "list", "--data-dir", dataDir.FullName, "--identity-postgres", registry], listOutput, TextWriter.Null));
            Assert.Matches(@"politie-lms\s+politie", listOutput.ToString());
        }

        using var store = new PostgresAuditStore(connection);
        var entry = Assert.Single(store.ReadEntries(0, long.MaxValue), e => LeafEncoding.TryDecode(e.Leaf, out var decoded, out _) && decoded!.Action == EntryAction.ClientAdd);
        Assert.True(LeafEncoding.TryDecode(entry.Leaf, out var added, out _));
        Assert.Equal("politie-lms", added!.TargetClient!.Id);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        dataDir.Delete(recursive: true);
    }
}
