using Avz.Audit.Index;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Tests.Storage;
using Avz.Testing;

namespace Avz.Audit.Tests.Index;

/// <summary>
/// The log index on SQLite and PostgreSQL: kept in the same transaction as the entries, searched newest first with a
/// cursor, rebuilt from the log, compared with it, and caught up for a log that predates it.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class LogIndexTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Search_FindsExactlyTheMatchingEntries_NewestFirst_PageByPage(string provider)
    {
        var log = Open(provider, out var cleanup);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 500).Select(i => log.AppendAsync(TestLog.Entry(i))));

            // Entry(n): case "case-" + n/10, actor "professional-" + n%11, party politie when n%3 == 0.
            var byCase = log.Search(new LogQuery { Case = "case-7" });
            Assert.Equal(Enumerable.Range(70, 10).Reverse().Select(i => (long)i), byCase.Select(h => h.Index));
            Assert.All(byCase, h => Assert.Contains("\"case\":\"case-7\"", System.Text.Encoding.UTF8.GetString(h.Leaf), StringComparison.Ordinal));

            var expected = Enumerable.Range(0, 500).Where(n => n % 3 == 0 && n % 11 == 4).Reverse().Select(n => (long)n).ToList();
            var pages = new List<long>();
            long? cursor = null;
            do
            {
                var page = log.Search(new LogQuery { Party = "politie", Actor = "professional-4", Before = cursor, Limit = 4 });
                pages.AddRange(page.Select(h => h.Index));
                cursor = page.Count == 4 ? page[^1].Index : null;
            }
            while (cursor is not null);
            Assert.Equal(expected, pages);

            Assert.Empty(log.Search(new LogQuery { Case = "case-7", Party = "nobody" }));
            Assert.Equal(500, log.Search(new LogQuery { From = DateTimeOffset.UtcNow.AddMinutes(-5), To = DateTimeOffset.UtcNow.AddMinutes(1), Limit = LogQuery.MaxLimit }).Count);
            Assert.Empty(log.Search(new LogQuery { From = DateTimeOffset.UtcNow.AddMinutes(1) }));
            Assert.Empty(log.Search(new LogQuery { Emergency = true }));
        }
        finally
        {
            // The log first: its index follower may still be writing audit.index.db while the folder is removed.
            await log.DisposeAsync();
            cleanup();
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TheIndex_IsRebuiltFromTheLog_AndComparesEqual(string provider)
    {
        var log = Open(provider, out var cleanup);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 300).Select(i => log.AppendAsync(TestLog.Entry(i))));
            var before = log.Search(new LogQuery { Subject = "pseudonym-5", Limit = 100 }).Select(h => h.Index).ToList();
            Assert.Empty(log.CompareIndex().Differences);

            var reports = new List<long>();
            Assert.Equal(300, log.RebuildIndex(new SyncProgress(reports)));
            Assert.Equal(300, reports[^1]);
            Assert.Equal(before, log.Search(new LogQuery { Subject = "pseudonym-5", Limit = 100 }).Select(h => h.Index));
            var (differences, compared) = log.CompareIndex();
            Assert.Empty(differences);
            Assert.Equal(300, compared);
        }
        finally
        {
            // The log first: its index follower may still be writing audit.index.db while the folder is removed.
            await log.DisposeAsync();
            cleanup();
        }
    }

    [Fact]
    public async Task ALogWithoutItsIndex_IsCaughtUpWhenOpened_AndAWrongRowIsFound()
    {
        await using var test = TestLog.Create();
        await test.AppendAsync(120);
        await test.CloseAsync();

        // A log from before the index has none: opening it indexes every entry.
        using (var store = test.OpenStore())
        {
            store.Clear();
            Assert.Equal(0, store.Count());
        }

        var reopened = test.Reopen();
        Assert.Empty(reopened.CompareIndex().Differences);
        Assert.Equal(10, reopened.Search(new LogQuery { Case = "case-3" }).Count);

        // Rows that do not say what their leaves say, or are missing, are named.
        using (var store = test.OpenStore())
        {
            store.Clear();
            store.Add([.. reopened.ReadLeaves(0, 120).Select(e => LogIndexRow.Read(e.Leaf) with { Index = e.Index }).Where(r => r.Index != 7).Select(r => r.Index == 5 ? r with { Actor = "someone-else" } : r)]);
        }

        Assert.Equal([5L, 7L], reopened.CompareIndex().Differences);
    }

    private AccessLog Open(string provider, out Action cleanup)
    {
        var signer = NoteSigner.Generate(TestLog.Origin);
        if (provider == "Postgres")
        {
            cleanup = signer.Dispose;
            return AccessLog.Open(new PostgresAuditStore(postgres.CreateDatabase()), signer, TimeProvider.System, new AccessLogOptions { Origin = TestLog.Origin });
        }

        var folder = Directory.CreateTempSubdirectory("avz-index-");
        cleanup = () =>
        {
            signer.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        };
        return AccessLog.Open(new SqliteAuditStore(Path.Combine(folder.FullName, "audit.db")), signer, TimeProvider.System, new AccessLogOptions { Origin = TestLog.Origin });
    }

    private sealed class SyncProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
