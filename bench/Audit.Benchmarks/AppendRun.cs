using System.Diagnostics;
using Avz.Audit.Entries;
using Avz.Audit.Notes;

namespace Avz.Audit.Benchmarks;

/// <summary>
/// Durable appends per second with group commit, against plain INSERTs of the same entries' leaf bytes into the same
/// kind of table, in transactions of the log's mean batch size so far (128 before the log's first slice), with the same
/// INSERT statements, in the same database, in the same run; on SQLite (<see cref="SqliteAppendTarget"/>) or on a
/// PostgreSQL server (<see cref="PostgresAppendTarget"/>).
/// </summary>
/// <remarks>
/// <para>
/// A round is cut into <see cref="Slices"/> slices, each written by the log and then plainly or the other way round
/// (alternating), and each side's time is the sum of its slices. This machine's fsync latency drifts by a factor of two
/// within a minute; when a round ran all its log appends and then all its plain inserts, the two sides met different
/// disks, and the ratio of one round said more about the drift than about the log (issue 16).
/// </para>
/// <para>
/// Neither side is timed for making the benchmark's entries: both get them made beforehand, the log as entries (it
/// encodes, splices and hashes them itself, timed) and the plain side as their leaf bytes. Each log slice ends with a
/// signed checkpoint covering it, timed as the log's, so no checkpoint of the log is written in a plain slice's time;
/// likewise a pass of the log's WAL checkpointer still running at the end of a log slice is waited for in the log's time.
/// The log runs without its index (as before, when the follower never ran while appends kept coming): a follower would
/// otherwise index in the plain slices' time.
/// </para>
/// <para>
/// The counted rounds follow a warm-up round of <see cref="WarmUpEntries"/> entries, in a file of its own, whose ratio
/// is printed and left out.
/// </para>
/// </remarks>
internal static class AppendRun
{
    private const int Callers = 256;
    private const int Slices = 10;
    private const int WarmUpEntries = 20_000;

    public static async Task<int> RunAsync(int roundEntries, int rounds, AppendTarget target)
    {
        using var cleanup = target;
        using var signer = NoteSigner.Generate(Workload.Origin);
        var logTimes = new List<double>();
        var plainTimes = new List<double>();
        var batches = new List<double>();
        var (logCpu, plainCpu) = (new List<double>(), new List<double>());
        // Round 0 is a warm-up of WarmUpEntries, not counted: the JIT still compiles and recompiles the log's code
        // in a process's first appends (the warm-up's own ratio was 1.82-1.91 in issue 16's tenth round).
        for (var round = 0; round <= rounds; round++)
        {
            var entries = round == 0 ? Math.Min(WarmUpEntries, roundEntries) : roundEntries;
            var made = Enumerable.Range(0, entries).Select(Workload.Entry).ToArray();
            var now = DateTimeOffset.UtcNow;
            var leaves = made.Select((entry, i) => LeafEncoding.Encode(entry with { Index = i, Time = now })).ToList();
            var (store, plain) = target.OpenRound(round);
            var log = AccessLog.Open(new WithoutIndex(store), NoteSigner.Parse(signer.ExportSignerKey()), TimeProvider.System, new AccessLogOptions { Origin = Workload.Origin });

            // Both sides start from a collected heap: neither pays for the garbage of making the round's entries.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var (logSide, plainSide) = (new Spent(), new Spent());
            var slice = entries / Slices;
            for (var s = 0; s < Slices; s++)
            {
                var (start, count) = (s * slice, s == Slices - 1 ? entries - (s * slice) : slice);
                var logFirst = (round + s) % 2 == 0;
                if (!logFirst)
                {
                    await plainSide.AddAsync(() => plain.Insert(leaves, start, count, MeanBatch(log)));
                }

                await logSide.AddAsync(async () =>
                {
                    await Workload.AppendAsync(log, made.AsMemory(start, count), Callers);
                    await log.CheckpointAsync();

                    // Work the store does beside the log's writer (SQLite's WAL checkpoints) is the log's time, not the plain side's.
                    await target.SettleAsync(store);
                });
                if (logFirst)
                {
                    await plainSide.AddAsync(() => plain.Insert(leaves, start, count, MeanBatch(log)));
                }
            }

            var (logTime, plainTime) = (logSide.Seconds, plainSide.Seconds);
            var meanBatch = (double)entries / log.Transactions;
            var busy = log.SequencerBusy.TotalSeconds / logTime;
            var details = target.Details(store);
            await log.DisposeAsync();
            plain.Dispose();
            target.EndRound(round);
            if (round == 0)
            {
                Console.WriteLine($"warm-up ({entries:N0} entries, not counted): ratio {logTime / plainTime:N2}");
                continue;
            }

            logTimes.Add(logTime);
            plainTimes.Add(plainTime);
            batches.Add(meanBatch);
            logCpu.Add(logSide.CpuSeconds * 1e6 / entries);
            plainCpu.Add(plainSide.CpuSeconds * 1e6 / entries);
            Console.WriteLine($"round {round}: log {entries / logTime:N0} appends/s (mean batch {meanBatch:N0}, sequencer busy {busy:P0}{details}), plain INSERT {entries / plainTime:N0} rows/s, ratio {logTime / plainTime:N2}; {target.CpuLabel} per entry: log {logCpu[^1]:N1} µs, plain {plainCpu[^1]:N1} µs");
        }

        var logMedian = Workload.Median(logTimes);
        var plainMedian = Workload.Median(plainTimes);
        var ratios = logTimes.Zip(plainTimes, (a, b) => a / b).ToList();
        Console.WriteLine();
        Console.WriteLine($"entries per round: {roundEntries:N0} in {Slices} slices, log and plain alternating; concurrent callers: {Callers}; rounds: {rounds} after a warm-up; {target.Description}");
        Console.WriteLine($"median durable appends/s (group commit): {roundEntries / logMedian:N0}  (goal >= 50,000)");
        Console.WriteLine($"median plain INSERT rows/s, same rows and batch sizes: {roundEntries / plainMedian:N0}");
        Console.WriteLine($"time ratio log / plain INSERT: median {Workload.Median(ratios):N2}, rounds {ratios.Min():N2}-{ratios.Max():N2}  (goal <= 1.30 in every round)");
        Console.WriteLine($"median mean batch: {Workload.Median(batches):N0} entries per transaction");
        Console.WriteLine($"median {target.CpuLabel} per entry (over each side's slices): log {Workload.Median(logCpu):N1} µs, plain INSERT {Workload.Median(plainCpu):N1} µs");
        return 0;
    }

    /// <summary>The log's mean batch so far, or 128 before it committed anything.</summary>
    private static int MeanBatch(AccessLog log) => log.Transactions == 0 ? 128 : (int)Math.Round((double)log.Size / log.Transactions);

    /// <summary>
    /// One side's wall time and the process's CPU time (every thread: callers, writer, GC), summed over its slices. The
    /// CPU per entry moves less with this machine's drift than the wall time, and says how much work each side asks of
    /// the two cores the log's writer shares with its callers.
    /// </summary>
    private sealed class Spent
    {
        public double Seconds { get; private set; }

        public double CpuSeconds { get; private set; }

        public Task AddAsync(Action work) => AddAsync(() =>
        {
            work();
            return Task.CompletedTask;
        });

        public async Task AddAsync(Func<Task> work)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            await work();
            Seconds += clock.Elapsed.TotalSeconds;
            CpuSeconds += (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        }
    }
}
