using System.Net;
using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Exchange.Api.Tests.Cases;
using Avz.Exchange.Encryption;
using Avz.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Avz.Exchange.Api.Tests.Hostile;

/// <summary>
/// The parts the gateway depends on fail while it serves: the access log's store, the key-encryption key, the case
/// database. Nothing is released or half-written, the caller gets a coded 503, and the health endpoints say what is
/// wrong (readiness red) without killing the process (liveness green).
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class FaultInjectionTests(PostgresServer postgres)
{
    private static readonly Dictionary<string, object> Police = new() { ["incident-type"] = "overlast", ["incident-summary"] = "Melding geluidsoverlast" };

    [Fact]
    public async Task LogStoreFailing_Gives503_AndNothingIsReleasedOrStored()
    {
        var folder = Directory.CreateTempSubdirectory("avz-faulty-log-");
        var store = new SwitchableStore(new SqliteAuditStore(Path.Combine(folder.FullName, "audit.db")));
        await using var factory = new GatewayFactory
        {
            ExtraServices = s => s.AddSingleton(_ => AccessLog.Open(store, NoteSigner.Generate("test.avz/access-log"), TimeProvider.System, new AccessLogOptions { Origin = "test.avz/access-log" })),
        };
        using var client = factory.CreateClient();
        var politie = await PartnerSystem.RegisterAsync(factory, client, "politie", "wijkagent-17", "wijkagent");
        var registered = await politie.JsonAsync(await politie.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), HttpStatusCode.Created);
        var path = "/v1/cases/" + registered.GetProperty("id").GetString();
        await politie.JsonAsync(await politie.PostAsync(path + "/information", new { category = "police-registrations", fields = Police }), HttpStatusCode.Created);
        var items = ItemCount(factory);

        store.Failing = true;
        var read = await politie.GetAsync(path + "/information");
        var supply = await politie.PostAsync(path + "/information", new { category = "police-registrations", fields = Police });
        var body = await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        await PartnerSystem.AssertProblemAsync(read, HttpStatusCode.ServiceUnavailable, "AVZ-AUDIT-0001");
        await PartnerSystem.AssertProblemAsync(supply, HttpStatusCode.ServiceUnavailable, "AVZ-AUDIT-0001");
        Assert.DoesNotContain("overlast", body, StringComparison.Ordinal);
        Assert.Equal(items, ItemCount(factory));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);

        // The store comes back: so does the gateway, and the log holds no trace of the failed batches.
        store.Failing = false;
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await politie.GetAsync(path + "/information")).StatusCode);
        var log = factory.Services.GetRequiredService<AccessLog>();
        await log.CheckpointAsync();
        using var check = new SqliteAuditStore(Path.Combine(folder.FullName, "audit.db"));
        Assert.True(Avz.Audit.Verification.LogVerifier.Verify(check, NoteVerifier.Parse(log.VerifierKey)).Succeeded);
    }

    [Fact]
    public async Task LogFileDeletedWhileServing_Gives503_NothingIsReleased_AndReadinessTurnsRed()
    {
        var folder = Directory.CreateTempSubdirectory("avz-deleted-log-");
        await using var factory = new GatewayFactory
        {
            ExtraServices = s => s.AddSingleton(_ => AccessLog.Open(new SqliteAuditStore(Path.Combine(folder.FullName, "audit.db")), NoteSigner.Generate("test.avz/access-log"), TimeProvider.System, new AccessLogOptions { Origin = "test.avz/access-log" })),
        };
        using var client = factory.CreateClient();
        var politie = await PartnerSystem.RegisterAsync(factory, client, "politie", "wijkagent-17", "wijkagent");
        var registered = await politie.JsonAsync(await politie.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), HttpStatusCode.Created);
        var path = "/v1/cases/" + registered.GetProperty("id").GetString();
        await politie.JsonAsync(await politie.PostAsync(path + "/information", new { category = "police-registrations", fields = Police }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);

        // Deleted under the running gateway: before the check, reads went on succeeding (their entries written to a
        // file without a name) and readiness stayed green.
        folder.Delete(recursive: true);
        var read = await politie.GetAsync(path + "/information");
        var body = await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        await PartnerSystem.AssertProblemAsync(read, HttpStatusCode.ServiceUnavailable, "AVZ-AUDIT-0001");
        Assert.DoesNotContain("overlast", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("deleted or replaced", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task KeyEncryptionKeyUnavailable_Gives503_WithoutAPlaintextFallback_AndReadinessTurnsRed()
    {
        SwitchableKek? kek = null;
        await using var faulty = new GatewayFactory
        {
            ExtraServices = s => s.AddSingleton<IKeyEncryptionKey>(sp =>
                kek = new SwitchableKek(LocalKeyEncryptionKey.LoadOrCreate(Path.Combine(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DataDirectory, "kek.json"), out _))),
        };
        using var client = faulty.CreateClient();
        var politie = await PartnerSystem.RegisterAsync(faulty, client, "politie", "wijkagent-17", "wijkagent");
        await politie.JsonAsync(await politie.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);

        kek!.Failing = true;
        var refused = await politie.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" });

        await PartnerSystem.AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "AVZ-KEY-0001");
        Assert.Equal(1, CaseCount(faulty));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task CaseDatabaseGone_ReadinessRed_LivenessGreen_AndCallsAreCodedProblems()
    {
        var connection = postgres.CreateDatabase();
        await using var factory = new GatewayFactory(new() { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = connection });
        using var client = factory.CreateClient();
        var politie = await PartnerSystem.RegisterAsync(factory, client, "politie", "wijkagent-17", "wijkagent");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);

        var database = new NpgsqlConnectionStringBuilder(connection).Database!;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { Database = "postgres" }.ConnectionString))
        {
            await admin.OpenAsync(TestContext.Current.CancellationToken);
            await using var drop = new NpgsqlCommand($"DROP DATABASE {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        NpgsqlConnection.ClearAllPools();
        var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        var call = await politie.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" });
        var text = await call.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        Assert.True((int)call.StatusCode >= 500, text);
        Assert.Equal("application/problem+json", call.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("AVZ-", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("111222333", text, StringComparison.Ordinal);
        Assert.DoesNotContain(database, text, StringComparison.Ordinal);
    }

    private static long ItemCount(GatewayFactory factory) => Count(factory, "SELECT COUNT(*) FROM information_items");

    private static long CaseCount(GatewayFactory factory) => Count(factory, "SELECT COUNT(*) FROM cases");

    private static long Count(GatewayFactory factory, string sql)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Avz.Exchange.Data.ExchangeDbContext>();
        using var command = db.Database.GetDbConnection().CreateCommand();
        db.Database.OpenConnection();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An access-log store whose commits fail on demand, as a full disk or a lost connection makes them fail.</summary>
    private sealed class SwitchableStore(IAuditStore inner) : IAuditStore
    {
        public volatile bool Failing;

        public string Description => inner.Description;

        public IAuditTransaction BeginAppend() => Failing ? throw new IOException("No space left on device (injected).") : inner.BeginAppend();

        public long ReadSize() => inner.ReadSize();

        public IEnumerable<(long Index, byte[] Leaf)> ReadEntries(long start, long endExclusive) => inner.ReadEntries(start, endExclusive);

        public byte[]? ReadTile(int level, long index) => inner.ReadTile(level, index);

        public IReadOnlyList<StoredCheckpoint> ReadCheckpoints() => inner.ReadCheckpoints();

        public StoredCheckpoint? ReadLatestCheckpoint() => inner.ReadLatestCheckpoint();

        public void Dispose() => inner.Dispose();
    }

    /// <summary>A key-encryption key that becomes unreachable on demand, as an HSM or a vault does.</summary>
    private sealed class SwitchableKek(IKeyEncryptionKey inner) : IKeyEncryptionKey
    {
        public volatile bool Failing;

        public string Provider => inner.Provider;

        public Task<WrappedKey> WrapAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken) =>
            Failing ? throw new KeyUnavailableException("The HSM does not answer (injected).") : inner.WrapAsync(key, cancellationToken);

        public Task<byte[]> UnwrapAsync(WrappedKey wrapped, CancellationToken cancellationToken) =>
            Failing ? throw new KeyUnavailableException("The HSM does not answer (injected).") : inner.UnwrapAsync(wrapped, cancellationToken);

        public Task<bool> IsCurrentAsync(string kekId, CancellationToken cancellationToken) => inner.IsCurrentAsync(kekId, cancellationToken);

        public Task<string> RotateAsync(CancellationToken cancellationToken) => inner.RotateAsync(cancellationToken);
    }
}
