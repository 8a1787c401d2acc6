using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Verification;
using Avz.Testing;
using Npgsql;

namespace Avz.Audit.Tests.Storage;

[Collection(PostgresTests.Name)]
public sealed class PostgresStoreTests(PostgresServer server)
{
    [Fact]
    public async Task Log_OnPostgres_AppendsProvesAndVerifies()
    {
        var connection = server.CreateDatabase();
        using var signer = NoteSigner.Generate(TestLog.Origin);
        var log = AccessLog.Open(new PostgresAuditStore(connection), NoteSigner.Parse(signer.ExportSignerKey()), TimeProvider.System, new AccessLogOptions { Origin = TestLog.Origin });
        await using (log)
        {
            var indices = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => log.AppendAsync(TestLog.Entry(i))));
            Assert.Equal(Enumerable.Range(0, 2000).Select(i => (long)i), indices.Order());
            var checkpoint = await log.CheckpointAsync();
            Assert.True(LogVerifier.VerifyReceipt(log.ReadLeaf(1234)!, 1234, log.InclusionProof(1234, checkpoint.Size), checkpoint.Note, NoteVerifier.Parse(signer.VerifierKey), out var problem), problem);
        }

        using var store = new PostgresAuditStore(connection);
        var report = LogVerifier.Verify(store, NoteVerifier.Parse(signer.VerifierKey));
        Assert.True(report.Succeeded, string.Join("\n", report.Findings));
        Assert.Equal(2000, report.Entries);
    }

    [Fact]
    public async Task TwoGatewayProcesses_AppendToOneLog_ThroughTheAdvisoryLockSequencer()
    {
        var connection = server.CreateDatabase();
        using var signer = NoteSigner.Generate(TestLog.Origin);
        var options = new AccessLogOptions { Origin = TestLog.Origin, CheckpointInterval = TimeSpan.FromMilliseconds(50) };
        var first = AccessLog.Open(new PostgresAuditStore(connection), NoteSigner.Parse(signer.ExportSignerKey()), TimeProvider.System, options);
        var second = AccessLog.Open(new PostgresAuditStore(connection), NoteSigner.Parse(signer.ExportSignerKey()), TimeProvider.System, options);
        long[] indices;
        await using (first)
        await using (second)
        {
            var appends = Enumerable.Range(0, 3000).Select(i => (i % 2 == 0 ? first : second).AppendAsync(TestLog.Entry(i)));
            indices = await Task.WhenAll(appends);
        }

        Assert.Equal(Enumerable.Range(0, 3000).Select(i => (long)i), indices.Order());
        using var store = new PostgresAuditStore(connection);
        var report = LogVerifier.Verify(store, NoteVerifier.Parse(signer.VerifierKey));
        Assert.True(report.Succeeded, string.Join("\n", report.Findings));
        Assert.Equal(3000, report.SignedSize);
        Assert.True(report.Checkpoints >= 2);
    }

    [Fact]
    public async Task ABatchTheServerRefuses_StoresNothing_AndTheNextBatchesLand()
    {
        var connection = server.CreateDatabase();
        using var signer = NoteSigner.Generate(TestLog.Origin);
        var options = new AccessLogOptions { Origin = TestLog.Origin };
        var log = AccessLog.Open(new PostgresAuditStore(connection), NoteSigner.Parse(signer.ExportSignerKey()), TimeProvider.System, options);
        await using (log)
        {
            Assert.Equal(0, await log.AppendAsync(TestLog.Entry(0), TestContext.Current.CancellationToken));
            await Execute(connection, """
                CREATE FUNCTION refuse_entry() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
                CREATE TRIGGER refuse_entry BEFORE INSERT ON audit_entries FOR EACH ROW WHEN (NEW.idx = 1) EXECUTE FUNCTION refuse_entry();
                """);

            // The entry at index 1 is refused: its batch fails whole, and nothing of it is committed.
            await Assert.ThrowsAsync<AuditWriteException>(() => log.AppendAsync(TestLog.Entry(1), TestContext.Current.CancellationToken));
            using (var stored = new PostgresAuditStore(connection))
            {
                Assert.Equal(1, stored.ReadSize());
            }

            // The writer's connection goes back to its pool with the failed transaction ended: the next batches land.
            await Execute(connection, "DROP TRIGGER refuse_entry ON audit_entries");
            var indices = await Task.WhenAll(Enumerable.Range(1, 200).Select(i => log.AppendAsync(TestLog.Entry(i), TestContext.Current.CancellationToken)));
            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), indices.Order());
            await log.CheckpointAsync();
        }

        using var store = new PostgresAuditStore(connection);
        var report = LogVerifier.Verify(store, NoteVerifier.Parse(signer.VerifierKey));
        Assert.True(report.Succeeded, string.Join("\n", report.Findings));
        Assert.Equal(201, report.Entries);
    }

    [Fact]
    public async Task BatchesWhoseStartTheServerRefuses_GiveTheirConnectionBack()
    {
        // One connection in the log's pool: a batch that failed at its start and kept its connection would leave the
        // next batch waiting for the pool until its timeout.
        var database = server.CreateDatabase();
        var connection = new NpgsqlConnectionStringBuilder(database) { MaxPoolSize = 1, Timeout = 3 }.ConnectionString;
        using var signer = NoteSigner.Generate(TestLog.Origin);
        var log = AccessLog.Open(new PostgresAuditStore(connection), NoteSigner.Parse(signer.ExportSignerKey()), TimeProvider.System, new AccessLogOptions { Origin = TestLog.Origin });
        await using (log)
        {
            Assert.Equal(0, await log.AppendAsync(TestLog.Entry(0), TestContext.Current.CancellationToken));

            // The size read fails while the table is away: three batches fail at their start.
            await Execute(database, "ALTER TABLE audit_entries RENAME TO audit_entries_away");
            for (var i = 1; i <= 3; i++)
            {
                await Assert.ThrowsAsync<AuditWriteException>(() => log.AppendAsync(TestLog.Entry(i), TestContext.Current.CancellationToken));
            }

            await Execute(database, "ALTER TABLE audit_entries_away RENAME TO audit_entries");
            Assert.Equal(1, await log.AppendAsync(TestLog.Entry(1), TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
            await log.CheckpointAsync();
        }

        // The verifier reads tiles while it reads entries: it gets a pool of the usual size.
        using var store = new PostgresAuditStore(database);
        var report = LogVerifier.Verify(store, NoteVerifier.Parse(signer.VerifierKey));
        Assert.True(report.Succeeded, string.Join("\n", report.Findings));
        Assert.Equal(2, report.Entries);
    }

    [Fact]
    public async Task AConnectionStringAskingForMultiplexing_StillGivesEachBatchOneTransaction()
    {
        // Npgsql with multiplexing refuses the sequencer's synchronous commands (every append failed, checked), and could
        // send a batch's two round trips over two server connections; the store turns it off for the log.
        var connection = new NpgsqlConnectionStringBuilder(server.CreateDatabase()) { Multiplexing = true }.ConnectionString;
        using var signer = NoteSigner.Generate(TestLog.Origin);
        var options = new AccessLogOptions { Origin = TestLog.Origin, CheckpointInterval = TimeSpan.FromMilliseconds(50) };
        var first = AccessLog.Open(new PostgresAuditStore(connection), NoteSigner.Parse(signer.ExportSignerKey()), TimeProvider.System, options);
        var second = AccessLog.Open(new PostgresAuditStore(connection), NoteSigner.Parse(signer.ExportSignerKey()), TimeProvider.System, options);
        long[] indices;
        await using (first)
        await using (second)
        {
            indices = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => (i % 2 == 0 ? first : second).AppendAsync(TestLog.Entry(i))))
                .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), indices.Order());
        using var store = new PostgresAuditStore(connection);
        var report = LogVerifier.Verify(store, NoteVerifier.Parse(signer.VerifierKey));
        Assert.True(report.Succeeded, string.Join("\n", report.Findings));
        Assert.Equal(1000, report.SignedSize);
    }

    private static async Task Execute(string connection, string sql)
    {
        await using var raw = new NpgsqlConnection(connection);
        await raw.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, raw);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET leaf = '\\x00'")]
    [InlineData("DELETE FROM audit_entries")]
    [InlineData("TRUNCATE audit_entries")]
    [InlineData("UPDATE audit_checkpoints SET note = 'x'")]
    [InlineData("DELETE FROM audit_checkpoints")]
    [InlineData("UPDATE audit_tiles SET hashes = '\\x00'")]
    [InlineData("DELETE FROM audit_tiles")]
    public async Task Triggers_RefuseUpdateDeleteAndTruncate(string sql)
    {
        var connection = server.CreateDatabase();
        using var signer = NoteSigner.Generate(TestLog.Origin);
        await using (var log = AccessLog.Open(new PostgresAuditStore(connection), NoteSigner.Parse(signer.ExportSignerKey()), TimeProvider.System, new AccessLogOptions { Origin = TestLog.Origin }))
        {
            await Task.WhenAll(Enumerable.Range(0, 300).Select(i => log.AppendAsync(TestLog.Entry(i))));
        }

        await using var raw = new NpgsqlConnection(connection);
        await raw.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, raw);

        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
        using var store = new PostgresAuditStore(connection);
        Assert.Equal(300, store.ReadSize());
    }
}
