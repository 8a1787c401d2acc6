using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Verification;

namespace Avz.Audit.Tests;

public sealed class FailClosedTests
{
    [Fact]
    public async Task FailedCommit_FailsEveryAppendOfTheBatch_AndTheLogGoesOnContiguously()
    {
        await using var test = TestLog.Create();
        await test.CloseAsync();
        var flaky = new FlakyStore(test.OpenStore());
        var log = AccessLog.Open(flaky, NoteSigner.Parse(test.Signer.ExportSignerKey()), TimeProvider.System, new AccessLogOptions { Origin = TestLog.Origin });
        await using (log)
        {
            var first = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => log.AppendAsync(TestLog.Entry(i))));

            flaky.Failing = true;
            var failed = Enumerable.Range(100, 50).Select(i => log.AppendAsync(TestLog.Entry(i))).ToArray();
            foreach (var append in failed)
            {
                var error = await Assert.ThrowsAsync<AuditWriteException>(() => append);
                Assert.DoesNotContain("tx-", error.Message, StringComparison.Ordinal);
            }

            flaky.Failing = false;
            var after = await Task.WhenAll(Enumerable.Range(150, 100).Select(i => log.AppendAsync(TestLog.Entry(i))));

            Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), first.Order());
            Assert.Equal(Enumerable.Range(100, 100).Select(i => (long)i), after.Order());
            Assert.Equal(200, log.Size);
        }

        using var store = test.OpenStore();
        var report = LogVerifier.Verify(store, test.Verifier);
        Assert.True(report.Succeeded, string.Join("\n", report.Findings));
        Assert.Equal(200, report.Entries);
    }

    [Fact]
    public async Task DatabaseFileDeletedUnderTheLog_AppendsFail_AndTheStoreSaysItIsLost()
    {
        await using var test = TestLog.Create();
        var log = test.Log!;
        await log.AppendAsync(TestLog.Entry(0), TestContext.Current.CancellationToken);
        Assert.False(log.StoreLost);

        // The log's connections keep the deleted file open: without the check, the next append succeeded into a file
        // that no longer has a name, gone at the next start.
        foreach (var file in test.Folder.GetFiles("audit.db*"))
        {
            file.Delete();
        }

        Assert.True(log.StoreLost);
        var error = await Assert.ThrowsAsync<AuditWriteException>(() => log.AppendAsync(TestLog.Entry(1), TestContext.Current.CancellationToken));
        Assert.Contains("deleted or replaced", error.InnerException?.Message, StringComparison.Ordinal);
        Assert.Equal(1, log.Size);
    }

    [Fact]
    public async Task BatchesWhoseStartFails_EndTheirTransaction_AndTheLogGoesOnOnceTheStoreIsWell()
    {
        await using var test = TestLog.Create();
        var log = test.Log!;
        await log.AppendAsync(TestLog.Entry(0), TestContext.Current.CancellationToken);

        // The size read fails while the table is away, after BEGIN IMMEDIATE took the write lock: a batch that kept
        // its transaction open would hold that lock, so the table could not come back and no batch would land again.
        await Sql(test, "ALTER TABLE audit_entries RENAME TO audit_entries_away");
        for (var i = 1; i <= 3; i++)
        {
            await Assert.ThrowsAsync<AuditWriteException>(() => log.AppendAsync(TestLog.Entry(i), TestContext.Current.CancellationToken));
        }

        await Sql(test, "ALTER TABLE audit_entries_away RENAME TO audit_entries");
        Assert.Equal(1, await log.AppendAsync(TestLog.Entry(1), TestContext.Current.CancellationToken));
        await test.CloseAsync();

        using var store = test.OpenStore();
        var report = LogVerifier.Verify(store, test.Verifier);
        Assert.True(report.Succeeded, string.Join("\n", report.Findings));
        Assert.Equal(2, report.Entries);
    }

    private static async Task Sql(TestLog test, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={test.DatabasePath};Pooling=False;Default Timeout=2");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A store whose commits fail on demand, as a full disk or a lost database would.</summary>
    private sealed class FlakyStore(IAuditStore inner) : IAuditStore
    {
        public volatile bool Failing;

        public string Description => inner.Description;

        public IAuditTransaction BeginAppend() => new Transaction(inner.BeginAppend(), this);

        public long ReadSize() => inner.ReadSize();

        public IEnumerable<(long Index, byte[] Leaf)> ReadEntries(long start, long endExclusive) => inner.ReadEntries(start, endExclusive);

        public byte[]? ReadTile(int level, long index) => inner.ReadTile(level, index);

        public IReadOnlyList<StoredCheckpoint> ReadCheckpoints() => inner.ReadCheckpoints();

        public StoredCheckpoint? ReadLatestCheckpoint() => inner.ReadLatestCheckpoint();

        public void Dispose() => inner.Dispose();

        private sealed class Transaction(IAuditTransaction inner, FlakyStore store) : IAuditTransaction
        {
            public long Size => inner.Size;

            public void AddEntries(IReadOnlyList<byte[]> leaves) => inner.AddEntries(leaves);

            public void AddTile(int level, long index, byte[] hashes) => inner.AddTile(level, index, hashes);

            public void AddCheckpoint(StoredCheckpoint checkpoint) => inner.AddCheckpoint(checkpoint);

            public void Commit()
            {
                if (store.Failing)
                {
                    throw new IOException("disk full (simulated)");
                }

                inner.Commit();
            }

            public void Dispose() => inner.Dispose();
        }
    }
}
