namespace Avz.Audit.Index;

/// <summary>
/// The queryable index of the access log, kept in the store beside the log and written in the same transaction as the
/// entries it describes, so every node sharing a store finds every node's entries. It is derived data: it can be
/// rebuilt from the log at any time, and the log, not the index, is the record.
/// </summary>
public interface ILogIndex
{
    /// <summary>One more than the highest indexed entry: the log's size when the index is complete.</summary>
    /// <returns>The indexed size.</returns>
    long IndexedSize();

    /// <summary>How many entries the index holds.</summary>
    /// <returns>The count.</returns>
    long Count();

    /// <summary>The entries that match, newest first, with their leaves.</summary>
    /// <param name="query">The search.</param>
    /// <returns>At most <see cref="LogQuery.Limit"/> hits.</returns>
    IReadOnlyList<(long Index, byte[] Leaf)> Search(LogQuery query);

    /// <summary>Adds rows for entries already in the log (catching up, or rebuilding); rows already present are kept.</summary>
    /// <param name="rows">The rows.</param>
    void Add(IReadOnlyList<LogIndexRow> rows);

    /// <summary>Empties the index, for a rebuild from the log.</summary>
    void Clear();

    /// <summary>The rows of a range of entries, for comparing the index with the log.</summary>
    /// <param name="start">The first index.</param>
    /// <param name="endExclusive">One past the last.</param>
    /// <returns>The rows present, by index.</returns>
    IEnumerable<LogIndexRow> Rows(long start, long endExclusive);

    /// <summary>The rows appended at or after a time, by index.</summary>
    /// <param name="from">The earliest time.</param>
    /// <returns>The rows.</returns>
    IEnumerable<LogIndexRow> RowsSince(DateTimeOffset from);
}
