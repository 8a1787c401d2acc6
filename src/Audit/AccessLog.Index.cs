using Avz.Audit.Index;

namespace Avz.Audit;

/// <summary>The log index: search, catch-up, rebuild and comparison with the log.</summary>
public sealed partial class AccessLog
{
    private const int IndexChunk = 10_000;

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
        return [.. index.Search(query).Select(i => (i, store.ReadEntries(i, i + 1).Single().Leaf))];
    }

    /// <summary>Indexes the entries the index does not hold yet (after an upgrade, or a rebuild cut short).</summary>
    /// <param name="progress">Told the number of entries indexed so far.</param>
    /// <returns>How many entries were indexed.</returns>
    public long CatchUpIndex(IProgress<long>? progress = null)
    {
        if (StoreIndex is not { } index)
        {
            return 0;
        }

        var size = store.ReadSize();
        var indexed = index.IndexedSize();

        // A gap below the highest indexed entry (a rebuild cut short) means reading from the start; rows present stay.
        var from = index.Count() == indexed ? indexed : 0;
        return from >= size ? 0 : IndexRange(index, from, size, progress);
    }

    /// <summary>Rebuilds the index from the log: empties it and indexes every entry again.</summary>
    /// <param name="progress">Told the number of entries indexed so far.</param>
    /// <returns>How many entries were indexed.</returns>
    /// <exception cref="NotSupportedException">The store keeps no index.</exception>
    public long RebuildIndex(IProgress<long>? progress = null)
    {
        var index = StoreIndex ?? throw new NotSupportedException($"{store.Description} keeps no log index.");
        index.Clear();
        return IndexRange(index, 0, store.ReadSize(), progress);
    }

    /// <summary>
    /// Compares the index with the log: every entry of the log has its row, and every row says what its leaf says.
    /// </summary>
    /// <param name="progress">Told the number of entries compared so far.</param>
    /// <returns>The indices of the entries whose row is missing or differs (at most 100), and the number compared.</returns>
    public (IReadOnlyList<long> Differences, long Compared) CompareIndex(IProgress<long>? progress = null)
    {
        var index = StoreIndex ?? throw new NotSupportedException($"{store.Description} keeps no log index.");
        var size = store.ReadSize();
        var differences = new List<long>();
        for (var start = 0L; start < size && differences.Count < 100; start += IndexChunk)
        {
            var end = Math.Min(size, start + IndexChunk);
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

    private long IndexRange(ILogIndex index, long from, long size, IProgress<long>? progress)
    {
        for (var start = from; start < size; start += IndexChunk)
        {
            var end = Math.Min(size, start + IndexChunk);
            index.Add([.. store.ReadEntries(start, end).Select(e => LogIndexRow.Read(e.Leaf) with { Index = e.Index })]);
            progress?.Report(end - from);
        }

        return size - from;
    }
}
