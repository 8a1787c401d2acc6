using Avz.Audit.Storage;

namespace Avz.Audit.Index;

/// <summary>Keeps a store's index in step with its log: catch-up, rebuild and comparison, in chunks with progress.</summary>
public static class LogIndexer
{
    private const int Chunk = 10_000;

    /// <summary>Indexes the entries the index does not hold yet (after an upgrade, or a rebuild cut short).</summary>
    /// <param name="store">The store.</param>
    /// <param name="fullCheck">Also look for gaps below the highest indexed entry (counts the rows: for opening, not for every catch-up).</param>
    /// <param name="progress">Told the number of entries indexed so far.</param>
    /// <returns>How many entries were indexed; 0 for a store without an index.</returns>
    public static long CatchUp(IAuditStore store, bool fullCheck = true, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store is not ILogIndex index)
        {
            return 0;
        }

        var size = store.ReadSize();
        var indexed = index.IndexedSize();

        // A gap below the highest indexed entry (a rebuild cut short) means reading from the start; rows present stay.
        var from = !fullCheck || index.Count() == indexed ? indexed : 0;
        return from >= size ? 0 : Range(store, index, from, size, progress);
    }

    /// <summary>Rebuilds the index from the log: empties it and indexes every entry again.</summary>
    /// <param name="store">The store.</param>
    /// <param name="progress">Told the number of entries indexed so far.</param>
    /// <returns>How many entries were indexed.</returns>
    /// <exception cref="NotSupportedException">The store keeps no index.</exception>
    public static long Rebuild(IAuditStore store, IProgress<long>? progress = null)
    {
        var index = IndexOf(store);
        index.Clear();
        return Range(store, index, 0, store.ReadSize(), progress);
    }

    /// <summary>
    /// Compares the index with the log up to a size: every entry has its row, and every row says what its leaf says.
    /// Entries beyond it (appended since, not yet indexed) are not compared.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="upTo">Compare entries below this index; null for the index's own extent (see <see cref="ILogIndex.IndexedSize"/>).</param>
    /// <param name="progress">Told the number of entries compared so far.</param>
    /// <returns>The indices whose row is missing or differs (the first 100), and the number of entries compared.</returns>
    /// <exception cref="NotSupportedException">The store keeps no index.</exception>
    public static (IReadOnlyList<long> Differences, long Compared) Compare(IAuditStore store, long? upTo = null, IProgress<long>? progress = null)
    {
        var index = IndexOf(store);
        var size = Math.Min(store.ReadSize(), upTo ?? index.IndexedSize());
        var differences = new List<long>();
        for (var start = 0L; start < size && differences.Count < 100; start += Chunk)
        {
            var end = Math.Min(size, start + Chunk);
            var rows = index.Rows(start, end).ToDictionary(r => r.Index);
            foreach (var (position, leaf) in store.ReadEntries(start, end))
            {
                if (!rows.TryGetValue(position, out var row) || !(LogIndexRow.Read(leaf) with { Index = position }).Matches(row))
                {
                    differences.Add(position);
                }
            }

            progress?.Report(end);
        }

        return (differences.Take(100).ToList(), size);
    }

    private static ILogIndex IndexOf(IAuditStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store as ILogIndex ?? throw new NotSupportedException($"{store.Description} keeps no log index.");
    }

    private static long Range(IAuditStore store, ILogIndex index, long from, long size, IProgress<long>? progress)
    {
        for (var start = from; start < size; start += Chunk)
        {
            var end = Math.Min(size, start + Chunk);
            index.Add([.. store.ReadEntries(start, end).Select(e => LogIndexRow.Read(e.Leaf) with { Index = e.Index })]);
            progress?.Report(end - from);
        }

        return size - from;
    }
}
