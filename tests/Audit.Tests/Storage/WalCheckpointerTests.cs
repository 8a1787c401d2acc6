using Avz.Audit.Storage;
using Microsoft.Data.Sqlite;

namespace Avz.Audit.Tests.Storage;

/// <summary>
/// The log's WAL is checkpointed by a thread beside the single writer (<see cref="WalCheckpointer"/>): what the writer
/// commits reaches the database file, the WAL stays bounded, every entry reads back, and a store closed leaves nothing
/// hooked on the connection it hands back to the pool.
/// </summary>
public sealed class WalCheckpointerTests : IDisposable
{
    /// <summary>A leaf of about one page, so the page counts below are about the leaves written.</summary>
    private const int LeafBytes = 3_900;

    private const int PerCommit = 40;

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("avz-wal-");

    private string Database => Path.Combine(folder.FullName, "audit.db");

    [Fact]
    public void ALongRun_IsCheckpointedBesideTheWriter_IntoTheDatabaseFile_AndReadsBack()
    {
        const int Leaves = 6 * WalCheckpointer.Threshold;
        using (var store = new SqliteAuditStore(Database))
        {
            Append(store, 0, Leaves);

            // The thread ran, and the pages it copied are in the database file: without checkpoints before the WAL's
            // limit, the file would still be a few pages long.
            Assert.True(store.Checkpointer.Passes >= 1, "no checkpoint pass ran beside the writer");
            Assert.True(new FileInfo(Database).Length >= 3L * WalCheckpointer.Threshold * 4096, $"the database file is {new FileInfo(Database).Length:N0} bytes after {Leaves:N0} leaves of {LeafBytes:N0} bytes");

            var read = store.ReadEntries(0, Leaves).ToList();
            Assert.Equal(Leaves, read.Count);
            Assert.All(read, e => Assert.Equal(Leaf(e.Index), e.Leaf));
        }
    }

    [Fact]
    public void TheWal_StartsAgain_InsteadOfGrowingWithTheLog()
    {
        const int Leaves = 10 * WalCheckpointer.Threshold;
        using var store = new SqliteAuditStore(Database);

        Append(store, 0, Leaves);

        // The file's length is its high-water mark. The thread copies from a threshold on, and the writer then copies
        // the pages written meanwhile, so the next commit starts the WAL again from its beginning: it never comes near
        // the log's 10,000 pages, nor the limit (8,000) at which the writer would take over after every commit.
        var wal = new FileInfo(Database + "-wal").Length;
        Assert.True(wal <= 3L * WalCheckpointer.Threshold * (4096 + 24), $"the WAL grew to {wal:N0} bytes over {Leaves:N0} pages written");
        Assert.True(store.Checkpointer.WriterCheckpoints >= 1, "the writer never copied the rest after a pass, so the WAL could not start again");
    }

    [Fact]
    public void AClosedStore_LeavesNoHookOnThePooledConnection_ItHandsBack()
    {
        var store = new SqliteAuditStore(Database);
        Append(store, 0, 10);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Database, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        store.Dispose();
        Assert.False(store.Checkpointer.Busy);

        // The writer's connection went back to the pool with the store's own connection string; its next user commits
        // past the threshold. A hook left behind would call into a freed handle, and one merely removed would leave
        // the connection without SQLite's automatic checkpoints: its WAL would grow for as long as it is used.
        using var reused = new SqliteConnection(connectionString);
        reused.Open();
        using var command = reused.CreateCommand();
        command.CommandText = "CREATE TABLE filler (b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) INSERT INTO filler SELECT zeroblob(3900) FROM n;";
        command.ExecuteNonQuery();
        command.CommandText = "SELECT COUNT(*) FROM filler";
        Assert.Equal(1500L, (long)command.ExecuteScalar()!);
        Assert.True(new FileInfo(Database).Length >= 1000L * 4096, $"the database file is {new FileInfo(Database).Length:N0} bytes: the pooled connection did not checkpoint");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    private static void Append(SqliteAuditStore store, long start, int count)
    {
        for (var at = start; at < start + count; at += PerCommit)
        {
            using var transaction = store.BeginAppend();
            Assert.Equal(at, transaction.Size);
            transaction.AddEntries([.. Enumerable.Range(0, (int)Math.Min(PerCommit, start + count - at)).Select(i => Leaf(at + i))]);
            transaction.Commit();
        }
    }

    private static byte[] Leaf(long index)
    {
        var leaf = new byte[LeafBytes];
        new Random((int)index).NextBytes(leaf);
        return leaf;
    }
}
