using System.Diagnostics;
using Avz.Audit.Entries;
using Avz.Audit.Merkle;

namespace Avz.Audit.Benchmarks;

/// <summary>Per-entry CPU of the parts of an append that are not the database: encoding, splicing, hashing (the tree's SHA-256 and .NET's one-shot side by side).</summary>
internal static class EncodeRun
{
    public static int Run()
    {
        // Nothing produced is kept, as in an append, where a leaf lives only until its batch commits: a run that kept
        // 200,000 leaves measured the garbage collector promoting them more than the encoding.
        var entries = Enumerable.Range(0, 200_000).Select(i => Workload.Entry(i) with { Time = DateTimeOffset.UnixEpoch }).ToArray();
        var template = new LeafTemplate(entries[0]);
        var hash = new byte[32];
        var leafLength = template.WithIndex(0).Length;
        for (var round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            var bytes = 0L;
            foreach (var entry in entries)
            {
                bytes += new LeafTemplate(entry).Length;
            }

            var encode = clock.Elapsed.TotalMilliseconds * 1000 / entries.Length;
            clock.Restart();
            for (var i = 0; i < entries.Length; i++)
            {
                bytes += template.WithIndex(i).Length;
            }

            var splice = clock.Elapsed.TotalMilliseconds * 1000 / entries.Length;
            var leaf = template.WithIndex(123_456);
            clock.Restart();
            for (var i = 0; i < entries.Length; i++)
            {
                MerkleHash.Leaf(leaf, hash);
            }

            var hashing = clock.Elapsed.TotalMilliseconds * 1000 / entries.Length;
            var platformLeaf = Timed(entries.Length, () => Sha256.HashPlatform([0x00], leaf, hash));
            var node = Timed(entries.Length, () => MerkleHash.Node(hash, hash, hash));
            var nodeInput = new byte[1 + 64];
            var platformNode = Timed(entries.Length, () => System.Security.Cryptography.SHA256.HashData(nodeInput, hash));
            Console.WriteLine($"per entry: encode {encode:N2} µs, splice index {splice:N2} µs, leaf hash {hashing:N2} µs (.NET's one-shot {platformLeaf:N2}), leaf {leafLength} bytes ({bytes:N0} bytes made); node hash {node:N2} µs (.NET's one-shot {platformNode:N2}); OpenSSL's low-level SHA-256 in use: {Sha256.Native}");
        }

        return 0;
    }

    /// <summary>Microseconds per call of <paramref name="work"/>, over <paramref name="calls"/> calls.</summary>
    private static double Timed(int calls, Action work)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            work();
        }

        return clock.Elapsed.TotalMilliseconds * 1000 / calls;
    }
}
