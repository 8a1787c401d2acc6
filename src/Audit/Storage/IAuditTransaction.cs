namespace Avz.Audit.Storage;

/// <summary>One durable append: entries, the tiles they complete and possibly a checkpoint, all or nothing.</summary>
public interface IAuditTransaction : IDisposable
{
    /// <summary>The number of entries committed when the transaction began (read under the sequencer lock).</summary>
    long Size { get; }

    /// <summary>Adds leaves at consecutive indices from <see cref="Size"/>.</summary>
    /// <param name="leaves">The canonical leaf bytes.</param>
    void AddEntries(IReadOnlyList<byte[]> leaves);

    /// <summary>Adds a tile: a full one (256 hashes), or a partial one written with a checkpoint.</summary>
    /// <param name="level">Tile level.</param>
    /// <param name="index">Tile index.</param>
    /// <param name="hashes">Width × 32 bytes.</param>
    void AddTile(int level, long index, byte[] hashes);

    /// <summary>Adds a signed checkpoint.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    void AddCheckpoint(StoredCheckpoint checkpoint);

    /// <summary>Commits durably: when this returns, the entries survive a crash.</summary>
    void Commit();
}
