using Avz.Audit.Index;

namespace Avz.Audit;

/// <summary>The log index: search, catch-up, rebuild and comparison with the log.</summary>
public sealed partial class AccessLog
{
    /// <summary>The store's index, or null for a store without one.</summary>
    private ILogIndex? StoreIndex => store as ILogIndex;

    private readonly Lock indexing = new();

    /// <summary>Whether this log's store keeps an index.</summary>
    public bool HasIndex => StoreIndex is not null;

    /// <summary>The entries that match a search, newest first, with their leaves.</summary>
    /// <param name="query">The search.</param>
    /// <returns>The hits.</returns>
    /// <exception cref="NotSupportedException">The store keeps no index.</exception>
    public IReadOnlyList<(long Index, byte[] Leaf)> Search(LogQuery query)
    {
        var index = StoreIndex ?? throw new NotSupportedException($"{store.Description} keeps no log index.");
        CatchUpIndex();
        return index.Search(query);
    }

    /// <summary>The index rows of the entries appended at or after a time, by index.</summary>
    /// <param name="from">The earliest time.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="NotSupportedException">The store keeps no index.</exception>
    public IReadOnlyList<LogIndexRow> IndexRowsSince(DateTimeOffset from)
    {
        var index = StoreIndex ?? throw new NotSupportedException($"{store.Description} keeps no log index.");
        CatchUpIndex();
        return [.. index.RowsSince(from)];
    }

    /// <summary>Indexes the entries the index does not hold yet (after an upgrade, or a rebuild cut short).</summary>
    /// <param name="progress">Told the number of entries indexed so far.</param>
    /// <returns>How many entries were indexed.</returns>
    /// <remarks>
    /// Readers call it before they read, so a search sees every entry durable when it starts, however far the follower
    /// lags; the follower and readers take turns.
    /// </remarks>
    public long CatchUpIndex(IProgress<long>? progress = null)
    {
        if (!HasIndex)
        {
            return 0;
        }

        lock (indexing)
        {
            var indexed = LogIndexer.CatchUp(store, fullCheck: false, progress);
            Interlocked.Exchange(ref indexedSize, Size);
            return indexed;
        }
    }

    /// <summary>Rebuilds the index from the log: empties it and indexes every entry again.</summary>
    /// <param name="progress">Told the number of entries indexed so far.</param>
    /// <returns>How many entries were indexed.</returns>
    /// <exception cref="NotSupportedException">The store keeps no index.</exception>
    public long RebuildIndex(IProgress<long>? progress = null)
    {
        lock (indexing)
        {
            return LogIndexer.Rebuild(store, progress);
        }
    }

    /// <summary>
    /// Compares the index with the log: every entry of the log has its row, and every row says what its leaf says.
    /// </summary>
    /// <param name="progress">Told the number of entries compared so far.</param>
    /// <returns>The indices of the entries whose row is missing or differs (at most 100), and the number compared.</returns>
    public (IReadOnlyList<long> Differences, long Compared) CompareIndex(IProgress<long>? progress = null)
    {
        // Caught up first, so every entry durable now is compared, not only those the follower reached.
        CatchUpIndex();
        return LogIndexer.Compare(store, store.ReadSize(), progress);
    }

    /// <summary>
    /// The follower: when appends pause, it indexes what the index lacks, reading the entries back from the store, in
    /// chunks of 10,000 rows per transaction into the index's own database. Measured (bench/results/audit-index.md):
    /// index rows written in the append transaction cost appends about 70 % of their throughput; a follower writing
    /// while appends run, about 45 % on this 2-core machine; a follower that waits for a pause, what the table there says.
    /// </summary>
    private void Follow()
    {
        var stop = following.Token;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // Woken by appends; every half minute regardless, to index what other nodes appended to a shared
                // store and what a failed chunk left out (readers catch up before they read in any case).
                if (!indexDue.Wait(SafetyNet, stop))
                {
                    CatchUpIndex();
                    continue;
                }

                // Index when appends pause: while they keep coming the follower stays out of their way (on a 2-core
                // machine its inserts take a core the callers need), unless the backlog grows past MaxBacklog rows.
                // Readers catch up before they read, so a backlog delays searches, never hides entries from them.
                do
                {
                    while (indexDue.Wait(0))
                    {
                    }

                    // Blocks without spinning (Task.Delay(...).GetResult() spun: 96 % of this thread's CPU under load).
                    if (stop.WaitHandle.WaitOne(FollowDelay))
                    {
                        return;
                    }
                }
                while (indexDue.CurrentCount > 0 && Size - Interlocked.Read(ref indexedSize) < MaxBacklog);

                CatchUpIndex();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The store is failing; readers catch up themselves, and the next append wakes this again.
            }
        }
    }

    /// <summary>The most committed-but-unindexed entries the follower lets gather before it indexes during appends.</summary>
    private const long MaxBacklog = 250_000;

    /// <summary>The log's size at the end of the last catch-up, as far as this process knows.</summary>
    private long indexedSize;

    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(30);

    /// <summary>How long appends must pause before the follower indexes them.</summary>
    private static readonly TimeSpan FollowDelay = TimeSpan.FromMilliseconds(100);
}
