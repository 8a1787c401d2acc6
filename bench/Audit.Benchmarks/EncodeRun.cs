using System.Diagnostics;
using Avz.Audit.Entries;
using Avz.Audit.Merkle;

namespace Avz.Audit.Benchmarks;

/// <summary>Per-entry CPU of the parts of an append that are not the database: encoding, splicing, hashing.</summary>
internal static class EncodeRun
{
    public static int Run()
    {
        var entries = Enumerable.Range(0, 200_000).Select(Workload.Entry).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            var templates = entries.Select(e => new LeafTemplate(e with { Time = DateTimeOffset.UnixEpoch })).ToArray();
            var encode = clock.Elapsed.TotalMilliseconds * 1000 / entries.Length;
            clock.Restart();
            var leaves = templates.Select((t, i) => t.WithIndex(i)).ToArray();
            var splice = clock.Elapsed.TotalMilliseconds * 1000 / entries.Length;
            clock.Restart();
            var hash = new byte[32];
            foreach (var leaf in leaves)
            {
                MerkleHash.Leaf(leaf, hash);
            }

            var hashing = clock.Elapsed.TotalMilliseconds * 1000 / entries.Length;
            Console.WriteLine($"per entry: encode {encode:N2} µs, splice index {splice:N2} µs, leaf hash {hashing:N2} µs, leaf {leaves[0].Length} bytes");
        }

        return 0;
    }
}
