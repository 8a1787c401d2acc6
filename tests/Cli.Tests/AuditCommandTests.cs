using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Storage;
using Avz.Audit.Verification;
using Microsoft.Data.Sqlite;

namespace Avz.Cli.Tests;

public sealed class AuditCommandTests : IDisposable
{
    private readonly DirectoryInfo dataDir = Directory.CreateTempSubdirectory("avz-cli-audit-");

    [Fact]
    public void Key_CreatesAnOwnerOnlyKey_AndPrintsTheSameVerifierKeyEveryTime()
    {
        var (exit, output, error) = Run("audit", "key", "--data-dir", dataDir.FullName);
        var again = Run("audit", "key", "--data-dir", dataDir.FullName);

        Assert.Equal(0, exit);
        Assert.Matches(@"^localhost/avz-exchange/access-log\+[0-9a-f]{8}\+[A-Za-z0-9+/=]{44}\s*$", output);
        Assert.Contains("created a new audit signing key", error, StringComparison.Ordinal);
        Assert.Equal(output, again.Output);
        Assert.DoesNotContain("created", again.Error, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Path.Combine(dataDir.FullName, AuditKeyFile.FileName));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        }
        Assert.DoesNotContain("PRIVATE", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_IntactLog_ExitsZero_TamperedLog_ExitsOneWithTheFinding()
    {
        var vkey = await WriteLogAsync(500);

        var (exit, output, error) = Run("audit", "verify", "--data-dir", dataDir.FullName, "--key", vkey);
        Assert.Equal(0, exit);
        Assert.Contains("500 entries", output, StringComparison.Ordinal);
        Assert.Contains("The log verifies.", output, StringComparison.Ordinal);
        Assert.Contains("verified", error, StringComparison.Ordinal);

        using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir.FullName, "audit.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_entries_no_delete; DELETE FROM audit_entries WHERE idx = 321;";
            command.ExecuteNonQuery();
        }

        var tampered = Run("audit", "verify", "--data-dir", dataDir.FullName, "--key", vkey);
        Assert.Equal(1, tampered.Exit);
        Assert.Contains("FINDING missing at 321", tampered.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FindsALogIndexThatDisagrees_AndReindexRebuildsIt()
    {
        var vkey = await WriteLogAsync(200);
        Assert.Contains("The log index agrees with all 200 entries.", Run("audit", "verify", "--data-dir", dataDir.FullName, "--key", vkey).Output, StringComparison.Ordinal);

        // The index is derived data a privacy officer searches; a row changed behind the log's back misleads them.
        using (var connection = new SqliteConnection($"Data Source={SqliteAuditStore.IndexFile(Path.Combine(dataDir.FullName, "audit.db"))};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit_index SET actor = 'someone-else' WHERE idx = 42; DELETE FROM audit_index WHERE idx = 150;";
            command.ExecuteNonQuery();
        }

        var stale = Run("audit", "verify", "--data-dir", dataDir.FullName, "--key", vkey);
        Assert.Equal(1, stale.Exit);
        Assert.Contains("The log verifies.", stale.Output, StringComparison.Ordinal);
        Assert.Contains("does NOT agree with the log at 2 entries, the first at index 42", stale.Output, StringComparison.Ordinal);

        var (exit, output, error) = Run("audit", "reindex", "--data-dir", dataDir.FullName);
        Assert.Equal(0, exit);
        Assert.Contains("rebuilt from 200 entries", output, StringComparison.Ordinal);
        Assert.Contains("indexed 200 entries", error, StringComparison.Ordinal);
        Assert.Equal(0, Run("audit", "verify", "--data-dir", dataDir.FullName, "--key", vkey).Exit);
    }

    [Fact]
    public async Task VerifyReceipt_ChecksOneEntryOffline_AgainstTheKeyGiven()
    {
        var vkey = await WriteLogAsync(300, receiptFor: 123);
        var receipt = Path.Combine(dataDir.FullName, "receipt.json");
        var other = Run("audit", "key", "--data-dir", Path.Combine(dataDir.FullName, "other")).Output.Trim();

        var ok = Run("audit", "verify", "--receipt", receipt, "--key", vkey);
        var wrongKey = Run("audit", "verify", "--receipt", receipt, "--key", other);
        var noKey = Run("audit", "verify", "--receipt", receipt);

        Assert.Equal((0, true), (ok.Exit, ok.Output.Contains("Entry 123 is in the log", StringComparison.Ordinal)));
        Assert.Equal(1, wrongKey.Exit);
        Assert.Equal(2, noKey.Exit);
    }

    [Fact]
    public void Verify_WithoutALog_ExitsTwo() =>
        Assert.Equal(2, Run("audit", "verify", "--data-dir", dataDir.FullName, "--key", "x+00000000+AA==").Exit);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dataDir.Delete(recursive: true);
    }

    private async Task<string> WriteLogAsync(int count, long? receiptFor = null)
    {
        var options = new AccessLogOptions();
        using var signer = AuditKeyFile.LoadOrCreate(Path.Combine(dataDir.FullName, AuditKeyFile.FileName), options.Origin, out _);
        var vkey = signer.VerifierKey;
        var log = AccessLog.Open(new SqliteAuditStore(Path.Combine(dataDir.FullName, "audit.db")), Avz.Audit.Notes.NoteSigner.Parse(signer.ExportSignerKey()), TimeProvider.System, options);
        await using (log)
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(i => log.AppendAsync(new AccessLogEntry { Party = "politie", Action = EntryAction.InformationRequest, Decision = EntryDecision.Permitted, TransactionId = $"t{i}" })));
            await log.CheckpointAsync();
            if (receiptFor is { } index)
            {
                File.WriteAllText(Path.Combine(dataDir.FullName, "receipt.json"), JsonSerializer.Serialize(InclusionReceipt.For(log, index)));
            }
        }

        SqliteConnection.ClearAllPools();
        return vkey;
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = AvzCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
