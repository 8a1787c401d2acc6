using System.Buffers.Binary;
using Avz.Audit.Merkle;
using Avz.Audit.Tiles;

namespace Avz.Audit;

/// <summary>Reads: leaves, proofs and the tlog-tiles layout, served from the committed state.</summary>
public sealed partial class AccessLog
{
    /// <summary>The leaves of entries <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), in order, as far as the log reaches.</summary>
    /// <param name="from">The first index.</param>
    /// <param name="to">The index after the last.</param>
    /// <returns>Index and leaf bytes of each entry.</returns>
    public IEnumerable<(long Index, byte[] Leaf)> ReadLeaves(long from, long to) =>
        store.ReadEntries(Math.Max(0, from), Math.Min(to, state.Size));

    /// <summary>The canonical leaf bytes of an entry, or null beyond the log.</summary>
    /// <param name="index">The entry's index.</param>
    /// <returns>The leaf.</returns>
    public byte[]? ReadLeaf(long index) =>
        index < 0 || index >= state.Size ? null : store.ReadEntries(index, index + 1).Select(e => e.Leaf).FirstOrDefault();

    /// <summary>The inclusion proof of an entry in the tree of a given size (RFC 9162 §2.1.3).</summary>
    /// <param name="index">The entry.</param>
    /// <param name="treeSize">The tree size, usually a checkpoint's.</param>
    /// <returns>The proof, bottom to top.</returns>
    public IReadOnlyList<byte[]> InclusionProof(long index, long treeSize)
    {
        var current = state;
        if (treeSize > current.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(treeSize), $"The log holds {current.Size} entries.");
        }

        return MerkleTree.InclusionProof(index, treeSize, current);
    }

    /// <summary>The consistency proof between two tree sizes (RFC 9162 §2.1.4).</summary>
    /// <param name="size1">The earlier size.</param>
    /// <param name="size2">The later size.</param>
    /// <returns>The proof.</returns>
    public IReadOnlyList<byte[]> ConsistencyProof(long size1, long size2)
    {
        var current = state;
        if (size2 > current.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(size2), $"The log holds {current.Size} entries.");
        }

        return MerkleTree.ConsistencyProof(size1, size2, current);
    }

    /// <summary>The root hash of the tree of a given size.</summary>
    /// <param name="treeSize">The size.</param>
    /// <returns>The root.</returns>
    public byte[] RootHash(long treeSize)
    {
        var current = state;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, current.Size);
        return MerkleTree.Root(treeSize, current);
    }

    /// <summary>A hash tile of c2sp.org/tlog-tiles: the first <paramref name="width"/> hashes of tile <paramref name="index"/> at <paramref name="level"/>.</summary>
    /// <param name="level">Tile level.</param>
    /// <param name="index">Tile index.</param>
    /// <param name="width">1 to 256.</param>
    /// <returns>width × 32 bytes.</returns>
    public byte[] ReadTile(int level, long index, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, TileMath.Width);
        return state.ReadTile(level, index, width);
    }

    /// <summary>An entry bundle of c2sp.org/tlog-tiles: the leaves of tile <paramref name="index"/>, each prefixed with its big-endian 16-bit length.</summary>
    /// <param name="index">Bundle index (leaves index·256 onwards).</param>
    /// <param name="width">1 to 256.</param>
    /// <returns>The bundle.</returns>
    public byte[] ReadEntryBundle(long index, int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, TileMath.Width);
        var first = index * TileMath.Width;
        if (first + width > state.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"The log holds {state.Size} entries.");
        }

        using var bundle = new MemoryStream();
        Span<byte> length = stackalloc byte[2];
        foreach (var (_, leaf) in store.ReadEntries(first, first + width))
        {
            BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)leaf.Length));
            bundle.Write(length);
            bundle.Write(leaf);
        }

        return bundle.ToArray();
    }
}
