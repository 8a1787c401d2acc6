namespace Avz.Audit.Storage;

/// <summary>
/// Where the access log keeps its entries, tiles and checkpoints. Implementations enforce append-only in the database
/// itself (triggers or ledger tables), so a change that bypasses the gateway is refused, and the Merkle tree makes any
/// change that slips past that detectable.
/// </summary>
public interface IAuditStore : IDisposable
{
    /// <summary>A name for messages: the provider and database, never credentials.</summary>
    string Description { get; }

    /// <summary>Begins an append, holding the single-writer sequencer lock until commit or dispose.</summary>
    /// <returns>The transaction.</returns>
    IAuditTransaction BeginAppend();

    /// <summary>How many entries are committed.</summary>
    /// <returns>The count.</returns>
    long ReadSize();

    /// <summary>Reads entries in [start, end) in index order, as stored (a verifier must not assume they are contiguous).</summary>
    /// <param name="start">First index.</param>
    /// <param name="endExclusive">End, exclusive.</param>
    /// <returns>Index and leaf bytes.</returns>
    IEnumerable<(long Index, byte[] Leaf)> ReadEntries(long start, long endExclusive);

    /// <summary>Reads the widest stored version of a tile, or null.</summary>
    /// <param name="level">Tile level.</param>
    /// <param name="index">Tile index.</param>
    /// <returns>The hashes (width × 32 bytes), or null.</returns>
    byte[]? ReadTile(int level, long index);

    /// <summary>Every stored checkpoint, by size.</summary>
    /// <returns>The checkpoints.</returns>
    IReadOnlyList<StoredCheckpoint> ReadCheckpoints();

    /// <summary>The checkpoint with the largest size, or null.</summary>
    /// <returns>The checkpoint.</returns>
    StoredCheckpoint? ReadLatestCheckpoint();

    /// <summary>
    /// Whether the store's file was deleted or replaced since the store opened it (a store in a file of its own; a
    /// server database is never lost this way). Appends then fail: what they wrote would be gone at the next start.
    /// </summary>
    bool Lost => false;
}
