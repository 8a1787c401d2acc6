using System.Diagnostics;
using Avz.Audit.Entries;
using Avz.Audit.Notes;
using Microsoft.Data.Sqlite;

namespace Avz.Audit.Benchmarks;

/// <summary>
/// Durable appends per second with group commit, against plain INSERTs of the same entries' leaf bytes into the same
/// kind of table, in transactions of the log's mean batch size (128 when the plain run goes first), with the same
/// multi-row INSERT statements, in the same database file, in the same run; which goes first alternates by round.
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
                // Both write into one fresh file per round; which goes first alternates, so neither always pays for
                // growing the file and its WAL. The plain rows are the same entries, encoded the same way.
                var database = Path.Combine(folder.FullName, $"round-{round}.db");
                var leaves = Enumerable.Range(0, entries).Select(i => LeafEncoding.Encode(Workload.Entry(i) with { Index = i, Time = DateTimeOffset.UtcNow })).ToList();
                var plainFirst = round % 2 == 1;
                if (plainFirst)
                {
                    plainTimes.Add(InsertPlain(database, leaves, batch: 128));
                }

                var log = Workload.OpenLog(database, NoteSigner.Parse(signer.ExportSignerKey()));
                var clock = Stopwatch.StartNew();
                await Workload.FillAsync(log, entries, Callers);
                clock.Stop();
                var meanBatch = (double)entries / log.Transactions;
                var busy = log.SequencerBusy.TotalSeconds / clock.Elapsed.TotalSeconds;
                await log.DisposeAsync();
                logTimes.Add(clock.Elapsed.TotalSeconds);
                batches.Add(meanBatch);
                if (!plainFirst)
                {
                    plainTimes.Add(InsertPlain(database, leaves, (int)Math.Round(meanBatch)));
                }

                SqliteConnection.ClearAllPools();
                Console.WriteLine($"round {round + 1} ({(plainFirst ? "plain first" : "log first")}): log {entries / logTimes[^1]:N0} appends/s (mean batch {meanBatch:N0}, sequencer busy {busy:P0}), plain INSERT {entries / plainTimes[^1]:N0} rows/s, ratio {logTimes[^1] / plainTimes[^1]:N2}");
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

    private static double InsertPlain(string database, List<byte[]> leaves, int batch)
    {
        using var connection = Workload.OpenPlain(database);
        using var rows = new Storage.RowInserter(connection, "plain_entries");
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < leaves.Count; start += batch)
        {
            using var transaction = connection.BeginTransaction();
            rows.Insert(transaction, start, leaves.GetRange(start, Math.Min(batch, leaves.Count - start)));
            transaction.Commit();
        }

        return clock.Elapsed.TotalSeconds;
    }
}
