using System.Diagnostics;
using Avz.Audit.Entries;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Verification;
using Microsoft.Data.Sqlite;

namespace Avz.Audit.Tests.Storage;

/// <summary>
/// A child process appends under load and is killed with SIGKILL at random moments, 20 times. After each kill every
/// acknowledged entry must be in the log, and the log must verify; the next child recovers the log and goes on.
/// </summary>
/// <remarks>
/// The random moment is counted from the child's first acknowledged append, not from its start: a cold child needs
/// 160-450 ms for its first durable batch on a loaded 2-core machine (JIT, SQLite, the signing key), so counted from
/// its start a CI run once killed all 20 children before any append was acknowledged, and tested nothing.
/// </remarks>
public sealed class CrashTests
{
    private const int Kills = 20;

    [Fact]
    public async Task KilledAppender_LosesNoAcknowledgedEntry_AndTheLogVerifies()
    {
        var folder = Directory.CreateTempSubdirectory("avz-crash-");
        try
        {
            var database = Path.Combine(folder.FullName, "audit.db");
            var keyFile = Path.Combine(folder.FullName, AuditKeyFile.FileName);
            using var signer = AuditKeyFile.LoadOrCreate(keyFile, TestLog.Origin, out _);
            var verifier = NoteVerifier.Parse(signer.VerifierKey);
            var acknowledged = new Dictionary<long, string>();
            var random = new Random(20261124);
            var totalAcks = 0;

            for (var run = 0; run < Kills; run++)
            {
                var acks = await RunAndKillAsync(database, keyFile, run, TimeSpan.FromMilliseconds(random.Next(50, 400)));
                foreach (var (index, id) in acks)
                {
                    Assert.True(acknowledged.TryAdd(index, id), $"index {index} was acknowledged twice");
                }

                totalAcks += acks.Count;
                using var store = new SqliteAuditStore(database);
                var stored = store.ReadEntries(0, long.MaxValue).ToDictionary(e => e.Index, e => e.Leaf);
                foreach (var (index, id) in acknowledged)
                {
                    Assert.True(stored.TryGetValue(index, out var leaf), $"run {run}: acknowledged entry {index} is gone");
                    Assert.True(LeafEncoding.TryDecode(leaf, out var entry, out _));
                    Assert.Equal(id, entry!.TransactionId);
                }

                var report = LogVerifier.Verify(store, verifier);
                Assert.True(report.Succeeded, $"run {run}: " + string.Join("\n", report.Findings));
                SqliteConnection.ClearAllPools();
            }

            Assert.True(totalAcks >= Kills * 10, $"only {totalAcks} appends were acknowledged over {Kills} runs");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<List<(long Index, string Id)>> RunAndKillAsync(string database, string keyFile, int run, TimeSpan after)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "Avz.Audit.CrashAppender.dll"), database, keyFile, $"r{run}"])
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var acks = new List<(long, string)>();
        var ready = new TaskCompletionSource();
        var acknowledging = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == "ready")
                {
                    ready.TrySetResult();
                }
                else if (line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    var parts = line.Split(' ');
                    lock (acks)
                    {
                        acks.Add((long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]));
                    }

                    acknowledging.TrySetResult();
                }
            }
        });

        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await acknowledging.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(after);

        // Process.Kill sends SIGKILL on Linux: no finally blocks, no flush, no clean shutdown.
        child.Kill();
        await child.WaitForExitAsync();
        await reading;
        Assert.NotEqual(0, child.ExitCode);
        return acks.Cast<(long Index, string Id)>().ToList();
    }
}
