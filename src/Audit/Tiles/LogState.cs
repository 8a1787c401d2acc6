using Avz.Audit.Merkle;
using Avz.Audit.Storage;

namespace Avz.Audit.Tiles;

/// <summary>
/// An immutable view of the tree at one size: the right edge of every tile level (the partial tiles). Full tiles come
/// from the store through a cache, and the root is read from the tiles when a checkpoint needs it. The sequencer
/// publishes a new state after each commit; readers use whichever state they hold.
/// </summary>
internal sealed class LogState : INodeHashReader
{
    private readonly byte[][][] partials;
    private readonly TileCache tiles;
    private readonly Dictionary<(int, long), byte[]> completedHere;

    private LogState(long size, byte[][][] partials, TileCache tiles, Dictionary<(int, long), byte[]>? completedHere = null)
    {
        Size = size;
        this.partials = partials;
        this.tiles = tiles;
        this.completedHere = completedHere ?? [];
    }

    public long Size { get; }

    public static LogState Empty(TileCache tiles) => new(0, [], tiles);

    /// <summary>Rebuilds the state of a stored tree: the partial tiles from the last leaves and the full tiles.</summary>
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

        return new LogState(size, [.. levels], tiles);
    }

    /// <summary>
    /// The state after appending leaf hashes, and the full tiles those leaves complete. The new state serves the
    /// completed tiles itself, so it can answer node reads (a root for a checkpoint) before they are committed; they also
    /// go into the cache, which the caller clears if the commit fails.
    /// </summary>
    public LogState Append(IReadOnlyList<byte[]> leafHashes, List<(int Level, long Index, byte[] Hashes)> completed)
    {
        var levels = partials.Select(p => p.ToList()).ToList();
        var size = Size;
        foreach (var hash in leafHashes)
        {
            Add(levels, 0, hash, size, completed);
            size++;
        }

        // The tiles this append completed are not committed yet; this state serves them itself until they are.
        var here = completed.ToDictionary(t => (t.Level, t.Index), t => t.Hashes);
        foreach (var (level, index, tile) in completed)
        {
            tiles.Add(level, index, tile);
        }

        return new LogState(size, levels.Select(l => l.ToArray()).ToArray(), tiles, here);
    }

    /// <summary>The root hash of this tree: O(log n) node reads from the tiles, done only when a checkpoint is signed.</summary>
    public byte[] Root() => MerkleTree.Root(Size, this);

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
            return FullTile(level, index)[..(width * MerkleHash.Size)];
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

            var tile = FullTile(tileLevel, tileIndex);
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

    private byte[] FullTile(int level, long index) =>
        completedHere.TryGetValue((level, index), out var tile) ? tile : tiles.GetFull(level, index);

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

    private static byte[] Concat(IEnumerable<byte[]> hashes)
    {
        var list = hashes as IReadOnlyCollection<byte[]> ?? hashes.ToArray();
        var result = new byte[list.Count * MerkleHash.Size];
        var offset = 0;
        foreach (var hash in list)
        {
            hash.CopyTo(result, offset);
            offset += MerkleHash.Size;
        }

        return result;
    }
}
