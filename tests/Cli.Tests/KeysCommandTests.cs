using System.Security.Cryptography;
using Avz.Audit.Entries;
using Avz.Audit.Storage;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Microsoft.Data.Sqlite;

namespace Avz.Cli.Tests;

public sealed class KeysCommandTests : IDisposable
{
    private readonly DirectoryInfo dataDir = Directory.CreateTempSubdirectory("avz-cli-keys-");

    [Fact]
    public async Task Rotate_RewrapsEveryKeyUnderANewVersion_KeepsValuesReadable_AndLogsIt()
    {
        var token = TestContext.Current.CancellationToken;
        var ringPath = Path.Combine(dataDir.FullName, LocalKeyEncryptionKey.FileName);
        var kek = LocalKeyEncryptionKey.LoadOrCreate(ringPath, out _);
        var old = kek.CurrentId;
        var caseId = Guid.CreateVersion7();
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = await kek.WrapAsync(dataKey, token);
        var record = new DataKeyRecord { Id = Guid.CreateVersion7(), CaseId = caseId, Version = 1, KekId = wrapped.KekId, Wrapped = wrapped.Bytes, CreatedAt = DateTimeOffset.UtcNow };
        var place = new FieldPlace(caseId, "item-1", "diagnosis");
        var ciphertext = FieldCipher.Encrypt(dataKey, record.Id, 1, place, "Psychotische stoornis"u8);
        await using (var db = ExchangeDatabase.Create(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDir.FullName, "exchange.db")};Pooling=false"))
        {
            await ExchangeDatabase.MigrateAsync(db, token);
            db.Cases.Add(new CaseRecord { Id = caseId, Convenant = "avz-groningen", Purpose = "process-direction", Status = CaseStatus.Registered, DirectionHolder = "avz", RegisteredBy = "avz", SubjectIndex = new byte[32], SubjectPseudonym = "ps1:x" });
            db.DataKeys.Add(record);
            var secret = await kek.WrapAsync(RandomNumberGenerator.GetBytes(32), token);
            db.SystemKeys.Add(new SystemKeyRecord { Name = "subject-secret", KekId = secret.KekId, Wrapped = secret.Bytes });
            await db.SaveChangesAsync(token);
        }

        var result = Run("keys", "rotate", "--data-dir", dataDir.FullName, "--retire");

        Assert.True(result.Exit == 0, result.Error);
        Assert.Contains("re-wrapped 2 key(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains("retired 1 old version(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains("2/2 keys", result.Error, StringComparison.Ordinal);

        var reloaded = LocalKeyEncryptionKey.LoadOrCreate(ringPath, out _);
        Assert.NotEqual(old, reloaded.CurrentId);
        await Assert.ThrowsAsync<KeyUnavailableException>(() => reloaded.UnwrapAsync(wrapped, token));
        await using (var db = ExchangeDatabase.Create(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDir.FullName, "exchange.db")};Pooling=false"))
        {
            var stored = db.DataKeys.Single();
            Assert.Equal(reloaded.CurrentId, stored.KekId);
            var key = await reloaded.UnwrapAsync(new WrappedKey(stored.KekId, stored.Wrapped), token);
            Assert.Equal("Psychotische stoornis", System.Text.Encoding.UTF8.GetString(FieldCipher.Decrypt(key, place, ciphertext)));
            Assert.Equal(reloaded.CurrentId, db.SystemKeys.Single().KekId);
        }

        SqliteConnection.ClearAllPools();
        using var store = new SqliteAuditStore(Path.Combine(dataDir.FullName, "audit.db"));
        var entries = store.ReadEntries(0, long.MaxValue).Select(e => LeafEncoding.TryDecode(e.Leaf, out var entry, out _) ? entry! : throw new InvalidOperationException()).ToList();
        Assert.Equal([EntryAction.KeysRotate, EntryAction.KeysRotate], entries.Select(e => e.Action));
        Assert.Equal(new KekVersion(KeyProvider.Local, reloaded.CurrentId), entries[1].Key);
        Assert.Equal(2, entries[1].Counts!.Rewrapped);
    }

    [Fact]
    public void Rotate_WithoutACaseDatabase_ExitsTwo_AndSaysWhere()
    {
        var result = Run("keys", "rotate", "--data-dir", dataDir.FullName);
        Assert.Equal(2, result.Exit);
        Assert.Contains("no case database at", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dataDir.Delete(recursive: true);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = AvzCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
