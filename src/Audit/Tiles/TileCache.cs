using System.Collections.Concurrent;
using Avz.Audit.Storage;

namespace Avz.Audit.Tiles;

/// <summary>Full tiles never change, so they are cached freely; the cache is bounded by clearing it when it grows past its limit.</summary>
internal sealed class TileCache(IAuditStore store, int limit = 8192)
{
    private readonly ConcurrentDictionary<(int, long), byte[]> tiles = new();
    private readonly ConcurrentDictionary<(int, long), byte[]> nodes = new();

    public byte[] GetFull(int level, long index)
    {
        if (tiles.TryGetValue((level, index), out var cached))
        {
            return cached;
        }

        var tile = store.ReadTile(level, index);
        if (tile is null || tile.Length != TileMath.Width * Merkle.MerkleHash.Size)
        {
            throw new InvalidDataException($"Full tile {level}/{index} is missing from {store.Description}; run 'avz audit verify'.");
        }

        Add(level, index, tile);
        return tile;
    }

    /// <summary>A remembered hash of a node inside a full tile.</summary>
    public bool TryGetNode(int level, long index, Span<byte> destination)
    {
        if (nodes.TryGetValue((level, index), out var hash))
        {
            hash.CopyTo(destination);
            return true;
        }

        return false;
    }

    public void AddNode(int level, long index, ReadOnlySpan<byte> hash)
    {
        if (nodes.Count >= limit * 8)
        {
            nodes.Clear();
        }

        nodes[(level, index)] = hash.ToArray();
    }

    /// <summary>Forgets everything: after a failed commit, tiles added for it may describe leaves that never landed.</summary>
    public void Clear()
    {
        tiles.Clear();
        nodes.Clear();
    }

    public void Add(int level, long index, byte[] tile)
    {
        if (tiles.Count >= limit)
        {
            tiles.Clear();
        }

        tiles[(level, index)] = tile;
    }
}
