using System.Diagnostics;
using Avz.Audit.Index;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Microsoft.Data.Sqlite;

namespace Avz.Audit.Benchmarks;

/// <summary>
/// The log index (issue 12): what keeping it costs appends (the same entries into a log with and one without the
/// index, same run, order alternating by round; goal ≤ 15 %), and search and subject report on a million entries
/// (goal ≤ 200 ms p50).
/// </summary>
internal static class IndexRun
{
    private const int Callers = 256;

    public static async Task<int> AppendAsync(int entries, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("avz-bench-index-");
        try
        {
            using var signer = NoteSigner.Generate(Workload.Origin);
            var with = new List<double>();
            var without = new List<double>();
            var catchUps = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var indexFirst = round % 2 == 0;
                foreach (var indexed in indexFirst ? new[] { true, false } : [false, true])
                {
                    var database = Path.Combine(folder.FullName, $"round-{round}-{(indexed ? "index" : "plain")}.db");
                    IAuditStore store = indexed ? new SqliteAuditStore(database) : new WithoutIndex(new SqliteAuditStore(database));
                    var log = AccessLog.Open(store, NoteSigner.Parse(signer.ExportSignerKey()), TimeProvider.System, new AccessLogOptions { Origin = Workload.Origin });
                    var clock = Stopwatch.StartNew();
                    await Workload.FillAsync(log, entries, Callers);
                    clock.Stop();
                    if (indexed)
                    {
                        // A search right after the burst: it catches the index up first, so this is how far it lagged.
                        var catchUp = Stopwatch.StartNew();
                        var newest = log.Search(new LogQuery { Limit = 1 });
                        catchUps.Add(catchUp.Elapsed.TotalMilliseconds);
                        if (newest.Count != 1 || newest[0].Index != entries - 1)
                        {
                            throw new InvalidOperationException("the index does not hold the newest entry after catching up");
                        }
                    }

                    await log.DisposeAsync();
                    (indexed ? with : without).Add(clock.Elapsed.TotalSeconds);
                    SqliteConnection.ClearAllPools();
                }

                Console.WriteLine($"round {round + 1} ({(indexFirst ? "index first" : "no index first")}): with index {entries / with[^1]:N0} appends/s, without {entries / without[^1]:N0} appends/s, cost {1 - (without[^1] / with[^1]):P1}; first search after the burst {catchUps[^1]:N0} ms");
            }

            var cost = Workload.Median(with.Zip(without, (w, o) => 1 - (o / w)).ToList());
            Console.WriteLine();
            Console.WriteLine($"entries per round: {entries:N0}; concurrent callers: {Callers}; rounds: {rounds}; SQLite WAL, synchronous=FULL");
            Console.WriteLine($"median appends/s with index: {entries / Workload.Median(with):N0}; without: {entries / Workload.Median(without):N0}");
            Console.WriteLine($"median throughput cost of the index (1 - time without / time with, per round): {cost:P1}  (goal <= 15 %)");
            Console.WriteLine($"median time of the first search after the burst (it indexes the backlog first): {Workload.Median(catchUps):N0} ms");
            Console.WriteLine($"sustained, appends and their indexing both done: {entries / (Workload.Median(with) + (Workload.Median(catchUps) / 1000)):N0} entries/s with index, {entries / Workload.Median(without):N0} without");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Indexing alone: a log filled without its index, then indexed in one catch-up (profiling aid).</summary>
    public static async Task<int> CatchUpAsync(int entries)
    {
        var folder = Directory.CreateTempSubdirectory("avz-bench-catchup-");
        try
        {
            using var signer = NoteSigner.Generate(Workload.Origin);
            var database = Path.Combine(folder.FullName, "audit.db");
            var log = AccessLog.Open(new WithoutIndex(new SqliteAuditStore(database)), NoteSigner.Parse(signer.ExportSignerKey()), TimeProvider.System, new AccessLogOptions { Origin = Workload.Origin });
            var fill = Stopwatch.StartNew();
            await Workload.FillAsync(log, entries, Callers);
            await log.DisposeAsync();
            Console.WriteLine($"filled {entries:N0} without index in {fill.Elapsed.TotalSeconds:N2} s");
            using var store = new SqliteAuditStore(database);
            var read = Stopwatch.StartNew();
            var rows = store.ReadEntries(0, entries).Select(e => LogIndexRow.Read(e.Leaf) with { Index = e.Index }).ToList();
            Console.WriteLine($"read and parsed {rows.Count:N0} rows in {read.Elapsed.TotalSeconds:N2} s");
            store.Clear();
            var insert = Stopwatch.StartNew();
            for (var start = 0; start < rows.Count; start += 10_000)
            {
                store.Add(rows.GetRange(start, Math.Min(10_000, rows.Count - start)));
            }

            Console.WriteLine($"inserted {rows.Count:N0} index rows in chunks of 10,000 in {insert.Elapsed.TotalSeconds:N2} s");

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    public static async Task<int> SearchAsync(int entries)
    {
        var folder = Directory.CreateTempSubdirectory("avz-bench-search-");
        try
        {
            using var signer = NoteSigner.Generate(Workload.Origin);
            var database = Path.Combine(folder.FullName, "audit.db");
            var fill = Stopwatch.StartNew();
            var log = Workload.OpenLog(database, NoteSigner.Parse(signer.ExportSignerKey()));
            await Workload.FillAsync(log, entries, Callers);
            await log.CheckpointAsync();
            await log.DisposeAsync();
            Console.WriteLine($"filled {entries:N0} entries in {fill.Elapsed.TotalSeconds:N1} s ({new FileInfo(database).Length / 1048576.0:N0} MiB with its index)");

            SqliteConnection.ClearAllPools();
            log = Workload.OpenLog(database, NoteSigner.Parse(signer.ExportSignerKey()));
            var checkpoint = log.LatestCheckpoint!;
            var random = new Random(7);
            var now = DateTimeOffset.UtcNow;

            // Workload.Entry(n): case per 20 entries, 400 actors, 5,000 subjects (200 entries each), party politie for n % 3 == 0.
            string Case() => "c-" + (random.Next(entries) / 20).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            string Subject() => "ps-" + random.Next(5000).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
            var searches = new (string Name, Func<LogQuery> Query)[]
            {
                ("by case", () => new LogQuery { Case = Case() }),
                ("by actor, newest 50", () => new LogQuery { Actor = "professional-" + random.Next(400) }),
                ("by party and period (last hour), newest 50", () => new LogQuery { Party = "politie", From = now.AddHours(-1), To = now.AddMinutes(5) }),
                ("by party, action and decision, page 2", () => new LogQuery { Party = "gem-groningen", Action = "information.request", Decision = "partial", Before = entries - 1000 }),
                ("emergency only (none in this log)", () => new LogQuery { Emergency = true }),
                ("by case and a period that excludes it", () => new LogQuery { Case = Case(), From = now.AddDays(-30), To = now.AddDays(-29) }),
            };
            foreach (var (name, query) in searches)
            {
                var times = Time(200, () => log.Search(query()).Count, out var hits);
                Console.WriteLine($"search {name}: median {Workload.Median(times):N2} ms, p99 {P99(times):N2} ms, mean hits {hits:N1}  (goal p50 <= 200 ms)");
            }

            // The subject report's work: every entry about the person (all pages), each with its inclusion proof.
            var reports = Time(100, () =>
            {
                var subject = Subject();
                var lines = 0;
                for (long? before = null; ;)
                {
                    var page = log.Search(new LogQuery { Subject = subject, Before = before, Limit = LogQuery.MaxLimit });
                    foreach (var (index, _) in page)
                    {
                        _ = log.InclusionProof(index, checkpoint.Size);
                        lines++;
                    }

                    if (page.Count < LogQuery.MaxLimit)
                    {
                        return lines;
                    }

                    before = page[^1].Index;
                }
            }, out var lineCount);
            Console.WriteLine($"subject report (search all pages + an inclusion proof per line): median {Workload.Median(reports):N2} ms, p99 {P99(reports):N2} ms, mean lines {lineCount:N1}  (goal p50 <= 200 ms)");
            await log.DisposeAsync();
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static List<double> Time(int runs, Func<int> work, out double meanResult)
    {
        var times = new List<double>();
        var total = 0L;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            total += work();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        meanResult = (double)total / runs;
        return times;
    }

    private static double P99(List<double> values) => values.Order().ElementAt((int)Math.Ceiling(values.Count * 0.99) - 1);
}
