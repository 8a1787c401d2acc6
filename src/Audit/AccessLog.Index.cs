using Avz.Audit.Index;

namespace Avz.Audit;

/// <summary>The log index: search, catch-up, rebuild and comparison with the log.</summary>
public sealed partial class AccessLog
{
    /// <summary>The store's index, or null for a store without one.</summary>
    private ILogIndex? StoreIndex => store as ILogIndex;

    /// <summary>Whether this log's store keeps an index.</summary>
    public bool HasIndex => StoreIndex is not null;

    /// <summary>The entries that match a search, newest first, with their leaves.</summary>
    /// <param name="query">The search.</param>
    /// <returns>The hits.</returns>
    /// <exception cref="NotSupportedException">The store keeps no index.</exception>
    public IReadOnlyList<(long Index, byte[] Leaf)> Search(LogQuery query)
    {
        var index = StoreIndex ?? throw new NotSupportedException($"{store.Description} keeps no log index.");
        return index.Search(query);
    }

    /// <summary>The index rows of the entries appended at or after a time, by index.</summary>
    /// <param name="from">The earliest time.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="NotSupportedException">The store keeps no index.</exception>
    public IReadOnlyList<LogIndexRow> IndexRowsSince(DateTimeOffset from) =>
        [.. (StoreIndex ?? throw new NotSupportedException($"{store.Description} keeps no log index.")).RowsSince(from)];

    /// <summary>Indexes the entries the index does not hold yet (after an upgrade, or a rebuild cut short).</summary>
    /// <param name="progress">Told the number of entries indexed so far.</param>
    /// <returns>How many entries were indexed.</returns>
    public long CatchUpIndex(IProgress<long>? progress = null) => LogIndexer.CatchUp(store, progress);

    /// <summary>Rebuilds the index from the log: empties it and indexes every entry again.</summary>
    /// <param name="progress">Told the number of entries indexed so far.</param>
    /// <returns>How many entries were indexed.</returns>
    /// <exception cref="NotSupportedException">The store keeps no index.</exception>
    public long RebuildIndex(IProgress<long>? progress = null) => LogIndexer.Rebuild(store, progress);

    /// <summary>
    /// Compares the index with the log: every entry of the log has its row, and every row says what its leaf says.
    /// </summary>
    /// <param name="progress">Told the number of entries compared so far.</param>
    /// <returns>The indices of the entries whose row is missing or differs (at most 100), and the number compared.</returns>
    public (IReadOnlyList<long> Differences, long Compared) CompareIndex(IProgress<long>? progress = null) => LogIndexer.Compare(store, progress);
}
