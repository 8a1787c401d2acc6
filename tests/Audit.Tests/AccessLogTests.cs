using Avz.Audit.Entries;
using Avz.Audit.Merkle;
using Avz.Audit.Notes;
using Avz.Audit.Tiles;
using Avz.Audit.Verification;
using Microsoft.Extensions.Time.Testing;

namespace Avz.Audit.Tests;

public sealed class AccessLogTests
{
    [Fact]
    public async Task Append_AssignsConsecutiveIndices_AndStoresCanonicalLeaves()
    {
        await using var test = TestLog.Create();

        var indices = await test.AppendAsync(1000);

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), indices.Order());
        Assert.Equal(1000, test.Log!.Size);
        var leaf = test.Log.ReadLeaf(42)!;
        Assert.True(LeafEncoding.TryDecode(leaf, out var entry, out var problem), problem);
        Assert.Equal(42, entry!.Index);
        Assert.Equal(leaf, LeafEncoding.Encode(entry));
    }

    [Fact]
    public async Task Proofs_VerifyAgainstTheSignedCheckpoint_ForEveryEntry()
    {
        await using var test = TestLog.Create();
        await test.AppendAsync(700);
        var checkpoint = await test.Log!.CheckpointAsync();

        Assert.True(test.Verifier.TryVerify(checkpoint.Note, out var text));
        Assert.True(Checkpoint.TryParse(text, out var parsed));
        Assert.Equal((TestLog.Origin, 700L), (parsed!.Origin, parsed.Size));
        for (long i = 0; i < 700; i += 7)
        {
            var proof = test.Log.InclusionProof(i, 700);
            Assert.True(LogVerifier.VerifyReceipt(test.Log.ReadLeaf(i)!, i, proof, checkpoint.Note, test.Verifier, out var problem), problem);
        }

        await test.AppendAsync(300, start: 700);
        var later = await test.Log.CheckpointAsync();
        Assert.True(MerkleVerifier.VerifyConsistency(700, 1000, test.Log.ConsistencyProof(700, 1000), checkpoint.Root, later.Root));
        Assert.True(MerkleVerifier.VerifyConsistency(255, 1000, test.Log.ConsistencyProof(255, 1000), test.Log.RootHash(255), later.Root));
    }

    [Fact]
    public async Task Reopen_RecoversTheTree_AndKeepsAppendingConsistently()
    {
        await using var test = TestLog.Create();
        await test.AppendAsync(600);
        var before = await test.Log!.CheckpointAsync();
        await test.CloseAsync();

        var log = test.Reopen();
        Assert.Equal(600, log.Size);
        Assert.Equal(before.Root, log.RootHash(600));
        await test.AppendAsync(70_000 - 600, start: 600);
        var after = await log.CheckpointAsync();

        Assert.True(MerkleVerifier.VerifyConsistency(600, after.Size, log.ConsistencyProof(600, after.Size), before.Root, after.Root));
        var nodes = new InMemoryNodes();
        using (var store = test.OpenStore())
        {
            foreach (var (_, leaf) in store.ReadEntries(0, long.MaxValue))
            {
                nodes.AppendLeaf(leaf);
            }
        }

        Assert.Equal(MerkleTree.Root(70_000, nodes), after.Root);
        Assert.Equal(256 * 32, log.ReadTile(1, 0, 256).Length);
        Assert.True(LogVerifier.Verify(test.OpenStore(), test.Verifier).Succeeded);
    }

    [Fact]
    public async Task Checkpoints_AreSignedAtLeastEveryInterval_WhileEntriesArrive_AndNeverTwiceForOneSize()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var test = TestLog.Create();
        await test.CloseAsync();
        var log = test.Reopen(clock, TimeSpan.FromSeconds(1));

        await test.AppendAsync(10);
        var first = log.LatestCheckpoint!.Size;
        Assert.InRange(first, 1, 10);
        await test.AppendAsync(10, start: 10);
        Assert.Equal(first, log.LatestCheckpoint!.Size);

        clock.Advance(TimeSpan.FromSeconds(1.5));

        // Nudge the fake clock while waiting: a timer the sequencer arms just after the jump is due only later.
        await WaitUntil(() =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            return log.LatestCheckpoint!.Size == 20;
        });
        await test.AppendAsync(5, start: 20);
        clock.Advance(TimeSpan.FromSeconds(1));
        await test.AppendAsync(5, start: 25);
        await test.CloseAsync();

        using var store = test.OpenStore();
        var sizes = store.ReadCheckpoints().Select(c => c.Size).ToArray();
        Assert.Equal(sizes.Distinct().Count(), sizes.Length);
        Assert.Equal(30, sizes[^1]);
        Assert.Contains(20, sizes);
        Assert.True(LogVerifier.Verify(store, test.Verifier).Succeeded);
    }

    [Fact]
    public async Task TileLayout_ServesHashesAndEntryBundles_AsTlogTiles()
    {
        await using var test = TestLog.Create();
        await test.AppendAsync(300);
        await test.Log!.CheckpointAsync();

        var full = test.Log.ReadTile(0, 0, 256);
        var partial = test.Log.ReadTile(0, 1, 44);
        var bundle = test.Log.ReadEntryBundle(1, 44);

        Assert.Equal(MerkleHash.Leaf(test.Log.ReadLeaf(3)!), full[(3 * 32)..(4 * 32)]);
        Assert.Equal(MerkleHash.Leaf(test.Log.ReadLeaf(299)!), partial[(43 * 32)..]);
        var firstLength = (bundle[0] << 8) | bundle[1];
        Assert.Equal(test.Log.ReadLeaf(256), bundle[2..(2 + firstLength)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => test.Log.ReadTile(0, 1, 45));
        Assert.Equal("tile/0/x001/x234/067.p/8", TileMath.Path(0, 1_234_067, 8));
        Assert.Equal("tile/entries/000", TileMath.Path(-1, 0, 256));
        Assert.True(TileMath.TryParsePath("tile/0/x001/x234/067.p/8", out var parsed));
        Assert.Equal((0, 1_234_067L, 8), parsed);
        Assert.False(TileMath.TryParsePath("tile/0/1234067", out _));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        // Generous: CI runs the test assemblies in parallel on two cores, next to child processes and a database server.
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
