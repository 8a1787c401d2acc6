using System.Text.Json;
using Avz.Audit.Entries;
using Avz.Audit.Storage;
using Avz.Identity;
using Microsoft.Data.Sqlite;

namespace Avz.Cli.Tests;

public sealed class ClientsCommandTests : IDisposable
{
    private readonly DirectoryInfo dataDir = Directory.CreateTempSubdirectory("avz-cli-clients-");
    private readonly string policies = Path.Combine(Avz.Testing.RepositoryPaths.Root, "policies");

    [Fact]
    public void AddListDisable_ChangeTheRegistry_AndEachChangeIsInTheAccessLog()
    {
        var jwks = PublicJwksFile();

        var add = Run("clients", "add", "--party", "politie", "--jwks", jwks, "--scopes", "exchange,audit", "--client-id", "politie-lms", "--policies", policies, "--data-dir", dataDir.FullName);
        var listed = Run("clients", "list", "--data-dir", dataDir.FullName);
        var disable = Run("clients", "disable", "politie-lms", "--data-dir", dataDir.FullName);
        var after = Run("clients", "list", "--data-dir", dataDir.FullName);

        Assert.Equal(0, add.Exit);
        Assert.Contains("registered politie-lms for party politie", add.Output, StringComparison.Ordinal);
        Assert.Matches(@"politie-lms\s+politie\s+audit,exchange\s+active", listed.Output);
        Assert.Equal(0, disable.Exit);
        Assert.Matches(@"politie-lms\s+politie\s+audit,exchange\s+disabled", after.Output);

        var entries = Entries();
        Assert.Equal([EntryAction.ClientAdd, EntryAction.ClientDisable], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("politie-lms", e.TargetClient!.Id));
        Assert.Equal(["audit", "exchange"], entries[0].TargetClient!.Scopes.Order(StringComparer.Ordinal));
        Assert.Equal("politie", entries[0].Party);
        Assert.Equal(0, Run("audit", "verify", "--data-dir", dataDir.FullName).Exit);
    }

    [Fact]
    public void Add_RefusesAPartyNoConvenantHas_AndPrivateKeys()
    {
        var unknownParty = Run("clients", "add", "--party", "interpol", "--jwks", PublicJwksFile(), "--policies", policies, "--data-dir", dataDir.FullName);
        var privateKey = Run("clients", "add", "--party", "politie", "--jwks", PrivateJwksFile(), "--policies", policies, "--data-dir", dataDir.FullName);

        Assert.Equal(2, unknownParty.Exit);
        Assert.Contains("party 'interpol' is in no convenant policy", unknownParty.Error, StringComparison.Ordinal);
        Assert.Equal(2, privateKey.Exit);
        Assert.Contains("public keys only", privateKey.Error, StringComparison.Ordinal);
        Assert.Empty(Run("clients", "list", "--data-dir", dataDir.FullName).Output.Trim());
    }

    [Fact]
    public void DisablingAnUnknownClient_ExitsOne_AndLogsTheFailedAttempt()
    {
        var result = Run("clients", "disable", "nobody", "--data-dir", dataDir.FullName);

        Assert.Equal(1, result.Exit);
        var entries = Entries();
        Assert.Equal([EntryDecision.Permitted, EntryDecision.Error], entries.Select(e => e.Decision));
        Assert.Equal(entries[0].Index, entries[1].RefersTo);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dataDir.Delete(recursive: true);
    }

    private List<AccessLogEntry> Entries()
    {
        SqliteConnection.ClearAllPools();
        using var store = new SqliteAuditStore(Path.Combine(dataDir.FullName, "audit.db"));
        return store.ReadEntries(0, long.MaxValue).Select(e => LeafEncoding.TryDecode(e.Leaf, out var entry, out _) ? entry! : throw new InvalidOperationException()).ToList();
    }

    private string PublicJwksFile() => WriteJwks(includePrivate: false);

    private string PrivateJwksFile() => WriteJwks(includePrivate: true);

    private string WriteJwks(bool includePrivate)
    {
        var (privateKey, _) = ClientAssertions.NewKeyPair("k1");
        var key = new Dictionary<string, string> { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = privateKey.X, ["y"] = privateKey.Y, ["kid"] = "k1" };
        if (includePrivate)
        {
            key["d"] = privateKey.D;
        }

        var path = Path.Combine(dataDir.FullName, includePrivate ? "private.jwks" : "public.jwks");
        File.WriteAllText(path, JsonSerializer.Serialize(new { keys = new[] { key } }));
        return path;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = AvzCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
