using Avz.Audit.Merkle;
using Avz.Audit.Storage;

namespace Avz.Audit.Tiles;

/// <summary>
/// An immutable view of the tree at one size: the right edge of every tile level (the partial tiles) and the
/// frontier of complete subtrees that gives the root. Full tiles come from the store through a cache. The sequencer
/// publishes a new state after each commit; readers use whichever state they hold.
/// </summary>
internal sealed class LogState : INodeHashReader
{
    private readonly byte[][][] partials;
    private readonly byte[][] frontier;
    private readonly TileCache tiles;

    private LogState(long size, byte[][][] partials, byte[][] frontier, TileCache tiles)
    {
        Size = size;
        this.partials = partials;
        this.frontier = frontier;
        this.tiles = tiles;
    }

    public long Size { get; }

    public static LogState Empty(TileCache tiles) => new(0, [], [], tiles);

    /// <summary>Rebuilds the state of a stored tree: the partial tiles from the last leaves and full tiles, then the frontier.</summary>
    public static LogState Load(IAuditStore store, long size, TileCache tiles)
    {
        var levels = new List<byte[][]>();
        for (var level = 0; size >> (TileMath.Height * level) > 0; level++)
        {
            var width = TileMath.PartialWidth(size, level);
            var first = TileMath.FullTiles(size, level) * TileMath.Width;
            var hashes = new byte[width][];
            if (level == 0)
            {
                foreach (var (index, leaf) in store.ReadEntries(first, first + width))
                {
                    hashes[index - first] = MerkleHash.Leaf(leaf);
                }

                if (hashes.Any(h => h is null))
                {
                    throw new InvalidDataException($"The access log in {store.Description} misses entries below its size {size}; run 'avz audit verify'.");
                }
            }
            else
            {
                for (var i = 0; i < width; i++)
                {
                    hashes[i] = TileRoot(tiles.GetFull(level - 1, first + i));
                }
            }

            levels.Add(hashes);
        }

        var state = new LogState(size, [.. levels], [], tiles);
        return new LogState(size, state.partials, Frontier(size, state), tiles);
    }

    /// <summary>The state after appending leaf hashes, and the full tiles those leaves complete.</summary>
    public LogState Append(IReadOnlyList<byte[]> leafHashes, List<(int Level, long Index, byte[] Hashes)> completed)
    {
        var levels = partials.Select(p => p.ToList()).ToList();
        var stack = frontier.ToList();
        var size = Size;
        foreach (var hash in leafHashes)
        {
            Add(levels, 0, hash, size, completed);
            size++;

            // Compact range: merge equal-height subtrees on the right edge.
            stack.Add(hash);
            for (var bits = size; (bits & 1) == 0; bits >>= 1)
            {
                var right = stack[^1];
                var left = stack[^2];
                stack.RemoveRange(stack.Count - 2, 2);
                stack.Add(MerkleHash.Node(left, right));
            }
        }

        return new LogState(size, levels.Select(l => l.ToArray()).ToArray(), [.. stack], tiles);
    }

    /// <summary>The root hash of this tree.</summary>
    public byte[] Root()
    {
        if (frontier.Length == 0)
        {
            return (byte[])MerkleHash.EmptyRoot.Clone();
        }

        var root = frontier[^1];
        for (var i = frontier.Length - 2; i >= 0; i--)
        {
            root = MerkleHash.Node(frontier[i], root);
        }

        return root;
    }

    /// <summary>The partial tiles of this tree (level, index, hashes), to store with a checkpoint.</summary>
    public IEnumerable<(int Level, long Index, byte[] Hashes)> PartialTiles()
    {
        for (var level = 0; level < partials.Length; level++)
        {
            if (partials[level].Length > 0)
            {
                yield return (level, TileMath.FullTiles(Size, level), Concat(partials[level]));
            }
        }
    }

    /// <summary>The first <paramref name="width"/> hashes of a tile of this tree.</summary>
    public byte[] ReadTile(int level, long index, int width)
    {
        if (index < TileMath.FullTiles(Size, level))
        {
            return tiles.GetFull(level, index)[..(width * MerkleHash.Size)];
        }

        if (index == TileMath.FullTiles(Size, level) && level < partials.Length && width <= partials[level].Length)
        {
            return Concat(partials[level].Take(width));
        }

        throw new ArgumentOutOfRangeException(nameof(index), $"Tile {level}/{index} of width {width} does not exist in a tree of {Size} entries.");
    }

    /// <inheritdoc />
    public void ReadNode(int level, long index, Span<byte> destination)
    {
        var tileLevel = level / TileMath.Height;
        var height = level % TileMath.Height;
        var first = index << height;
        var count = 1 << height;
        var tileIndex = first >> TileMath.Height;
        var offset = (int)(first & (TileMath.Width - 1));
        if (tileIndex < TileMath.FullTiles(Size, tileLevel))
        {
            // A node inside a full tile never changes: hash it up once and remember it.
            if (height > 0 && tiles.TryGetNode(level, index, destination))
            {
                return;
            }

            var tile = tiles.GetFull(tileLevel, tileIndex);
            Reduce(tile.AsSpan(offset * MerkleHash.Size, count * MerkleHash.Size), count, destination);
            if (height > 0)
            {
                tiles.AddNode(level, index, destination);
            }

            return;
        }

        var hashes = ReadTile(tileLevel, tileIndex, offset + count);
        Reduce(hashes.AsSpan(offset * MerkleHash.Size, count * MerkleHash.Size), count, destination);
    }

    internal static byte[] TileRoot(byte[] fullTile)
    {
        var root = new byte[MerkleHash.Size];
        Reduce(fullTile, TileMath.Width, root);
        return root;
    }

    /// <summary>Hashes a power-of-two run of sibling hashes up to their common root.</summary>
    private static void Reduce(ReadOnlySpan<byte> hashes, int count, Span<byte> destination)
    {
        if (count == 1)
        {
            hashes[..MerkleHash.Size].CopyTo(destination);
            return;
        }

        var work = System.Buffers.ArrayPool<byte>.Shared.Rent(hashes.Length);
        try
        {
            hashes.CopyTo(work);
            for (var n = count; n > 1; n /= 2)
            {
                for (var i = 0; i < n / 2; i++)
                {
                    MerkleHash.Node(work.AsSpan(2 * i * MerkleHash.Size, MerkleHash.Size), work.AsSpan(((2 * i) + 1) * MerkleHash.Size, MerkleHash.Size), work.AsSpan(i * MerkleHash.Size, MerkleHash.Size));
                }
            }

            work.AsSpan(0, MerkleHash.Size).CopyTo(destination);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(work);
        }
    }

    private static void Add(List<List<byte[]>> levels, int level, byte[] hash, long sizeBefore, List<(int, long, byte[])> completed)
    {
        if (levels.Count == level)
        {
            levels.Add([]);
        }

        var row = levels[level];
        row.Add(hash);
        if (row.Count < TileMath.Width)
        {
            return;
        }

        // sizeBefore + 1 leaves complete this tile: its index is the number of full tiles before it.
        var tile = Concat(row);
        var index = TileMath.FullTiles(sizeBefore + 1, level) - 1;
        completed.Add((level, index, tile));
        row.Clear();
        Add(levels, level + 1, TileRoot(tile), sizeBefore, completed);
    }

    private static byte[][] Frontier(long size, LogState state)
    {
        var result = new List<byte[]>();
        long start = 0;
        for (var level = 62; level >= 0; level--)
        {
            if ((size & (1L << level)) != 0)
            {
                var hash = new byte[MerkleHash.Size];
                state.ReadNode(level, start >> level, hash);
                result.Add(hash);
                start += 1L << level;
            }
        }

        return [.. result];
    }

    private static byte[] Concat(IEnumerable<byte[]> hashes) => hashes.SelectMany(h => h).ToArray();
}
