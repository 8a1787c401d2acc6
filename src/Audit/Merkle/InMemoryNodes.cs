namespace Avz.Audit.Merkle;

/// <summary>A tree held in memory as its leaf hashes; for tests, tools and small logs. Node reads hash up from the leaves.</summary>
public sealed class InMemoryNodes : INodeHashReader
{
    private readonly List<byte[]> leafHashes = [];

    /// <summary>How many leaves.</summary>
    public long Count => leafHashes.Count;

    /// <summary>Appends a leaf by its bytes.</summary>
    /// <param name="leaf">The leaf bytes.</param>
    public void AppendLeaf(ReadOnlySpan<byte> leaf) => leafHashes.Add(MerkleHash.Leaf(leaf));

    /// <inheritdoc />
    public void ReadNode(int level, long index, Span<byte> destination)
    {
        var hash = Node(level, index);
        hash.CopyTo(destination);
    }

    private byte[] Node(int level, long index) =>
        level == 0 ? leafHashes[checked((int)index)] : MerkleHash.Node(Node(level - 1, 2 * index), Node(level - 1, (2 * index) + 1));
}
