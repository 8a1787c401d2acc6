using System.Diagnostics;
using Avz.Audit.Merkle;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Verification;
using Microsoft.Data.Sqlite;

namespace Avz.Audit.Benchmarks;

/// <summary>Inclusion proofs in a log of a million entries (goal ≤ 1 ms) and verifying all of it (goal ≤ 5 s).</summary>
internal static class ProofRun
{
    public static async Task<int> RunAsync(int entries)
    {
        var folder = Directory.CreateTempSubdirectory("avz-bench-proofs-");
        try
        {
            using var signer = NoteSigner.Generate(Workload.Origin);
            var database = Path.Combine(folder.FullName, "audit.db");
            var fill = Stopwatch.StartNew();
            var log = Workload.OpenLog(database, NoteSigner.Parse(signer.ExportSignerKey()));
            await Workload.FillAsync(log, entries, 256);
            await log.CheckpointAsync();
            await log.DisposeAsync();
            Console.WriteLine($"filled {entries:N0} entries in {fill.Elapsed.TotalSeconds:N1} s ({new FileInfo(database).Length / 1048576.0:N0} MiB)");

            // A freshly opened log: an empty tile cache, as after a restart.
            log = Workload.OpenLog(database, NoteSigner.Parse(signer.ExportSignerKey()));
            var checkpoint = log.LatestCheckpoint!;
            var random = new Random(1);
            var cold = new List<double>();
            var warm = new List<double>();
            for (var i = 0; i < 2000; i++)
            {
                var index = random.NextInt64(entries);
                var clock = Stopwatch.StartNew();
                var proof = log.InclusionProof(index, checkpoint.Size);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                (i < 1000 ? cold : warm).Add(elapsed);
                if (!MerkleVerifier.VerifyInclusion(index, checkpoint.Size, MerkleHash.Leaf(log.ReadLeaf(index)!), proof, checkpoint.Root))
                {
                    throw new InvalidOperationException($"proof for {index} does not verify");
                }
            }

            await log.DisposeAsync();
            Console.WriteLine($"inclusion proof, tree of {checkpoint.Size:N0}: first 1,000 random (cache filling) median {Workload.Median(cold):N3} ms, p99 {P99(cold):N3} ms; next 1,000 median {Workload.Median(warm):N3} ms, p99 {P99(warm):N3} ms  (goal <= 1 ms)");

            var verifier = NoteVerifier.Parse(signer.VerifierKey);
            var times = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                SqliteConnection.ClearAllPools();
                using var store = new SqliteAuditStore(database);
                var clock = Stopwatch.StartNew();
                var report = LogVerifier.Verify(store, verifier);
                times.Add(clock.Elapsed.TotalSeconds);
                if (!report.Succeeded || report.Entries != entries)
                {
                    throw new InvalidOperationException("the log does not verify: " + string.Join("; ", report.Findings));
                }

                Console.WriteLine($"verify run {run + 1}: {report.Entries:N0} entries, {report.Checkpoints} checkpoints in {times[^1]:N2} s");
            }

            Console.WriteLine($"median verify time for {entries:N0} entries: {Workload.Median(times):N2} s  (goal <= 5 s)");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static double P99(List<double> values) => values.Order().ElementAt((int)(values.Count * 0.99));
}
