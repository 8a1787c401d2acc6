using System.Diagnostics;
using Avz.Audit.Notes;
using Microsoft.Data.Sqlite;

namespace Avz.Audit.Benchmarks;

/// <summary>
/// Durable appends per second with group commit, against plain INSERTs of the same leaf bytes into the same kind of
/// table, in transactions of the same size, with the same multi-row INSERT statements, in the same database file, in
/// the same run, rounds interleaved.
/// </summary>
internal static class AppendRun
{
    private const int Callers = 256;

    public static async Task<int> RunAsync(int entries, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("avz-bench-append-");
        try
        {
            using var signer = NoteSigner.Generate(Workload.Origin);
            var logTimes = new List<double>();
            var plainTimes = new List<double>();
            var batches = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var database = Path.Combine(folder.FullName, $"round-{round}.db");
                var log = Workload.OpenLog(database, NoteSigner.Parse(signer.ExportSignerKey()));
                var clock = Stopwatch.StartNew();
                await Workload.FillAsync(log, entries, Callers);
                clock.Stop();
                var meanBatch = (double)entries / log.Transactions;
                var busy = log.SequencerBusy.TotalSeconds / clock.Elapsed.TotalSeconds;
                await log.DisposeAsync();
                logTimes.Add(clock.Elapsed.TotalSeconds);
                batches.Add(meanBatch);

                // The same rows, the same batch size, the same file: only the log's own work differs.
                var leaves = ReadLeaves(database);
                plainTimes.Add(InsertPlain(database, leaves, (int)Math.Round(meanBatch)));
                SqliteConnection.ClearAllPools();
                Console.WriteLine($"round {round + 1}: log {entries / logTimes[^1]:N0} appends/s (mean batch {meanBatch:N0}, sequencer busy {busy:P0}), plain INSERT {entries / plainTimes[^1]:N0} rows/s, ratio {logTimes[^1] / plainTimes[^1]:N2}");
            }

            var logMedian = Workload.Median(logTimes);
            var plainMedian = Workload.Median(plainTimes);
            Console.WriteLine();
            Console.WriteLine($"entries per round: {entries:N0}; concurrent callers: {Callers}; rounds: {rounds}; SQLite WAL, synchronous=FULL");
            Console.WriteLine($"median durable appends/s (group commit): {entries / logMedian:N0}  (goal >= 50,000)");
            Console.WriteLine($"median plain INSERT rows/s, same rows and batch sizes: {entries / plainMedian:N0}");
            Console.WriteLine($"median time ratio log / plain INSERT: {Workload.Median(logTimes.Zip(plainTimes, (a, b) => a / b)):N2}  (goal <= 1.30)");
            Console.WriteLine($"median mean batch: {Workload.Median(batches):N0} entries per transaction");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static List<byte[]> ReadLeaves(string database)
    {
        using var store = new Storage.SqliteAuditStore(database);
        return store.ReadEntries(0, long.MaxValue).Select(e => e.Leaf).ToList();
    }

    private static double InsertPlain(string database, List<byte[]> leaves, int batch)
    {
        using var connection = Workload.OpenPlain(database);
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < leaves.Count; start += batch)
        {
            using var transaction = connection.BeginTransaction();
            Storage.SqliteAuditStore.InsertRows(connection, transaction, "plain_entries", start, leaves.GetRange(start, Math.Min(batch, leaves.Count - start)));
            transaction.Commit();
        }

        return clock.Elapsed.TotalSeconds;
    }
}
