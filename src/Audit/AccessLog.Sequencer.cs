using Avz.Audit.Merkle;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Tiles;

namespace Avz.Audit;

/// <summary>The single writer: batches, one transaction each, checkpoints.</summary>
public sealed partial class AccessLog
{
    private void Run()
    {
        var batch = new List<Request>(options.MaxBatch);
        var reader = requests.Reader;
        while (true)
        {
            var uncovered = state.Size > (latest?.Size ?? 0);
            if (!reader.TryPeek(out _))
            {
                // Read the clock once: time passes between two reads, and a negative delay would kill this thread.
                var wait = CheckpointDueIn();
                if (uncovered && wait <= TimeSpan.Zero)
                {
                    Integrate([], forceCheckpoint: true);
                    continue;
                }

                if (uncovered)
                {
                    // Entries are waiting for a checkpoint: wake when one is due even if nothing else arrives.
                    using var due = new CancellationTokenSource(wait, time);
                    try
                    {
                        if (!BlockOn(reader.WaitToReadAsync(due.Token)))
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        Integrate([], forceCheckpoint: true);
                        continue;
                    }
                }
                else if (!BlockOn(reader.WaitToReadAsync()))
                {
                    break;
                }
            }

            batch.Clear();
            var force = false;
            while (batch.Count < options.MaxBatch && reader.TryRead(out var request))
            {
                batch.Add(request);
                force |= request.Template is null;
            }

            Integrate(batch, force);
        }

        // Closing: cover the tail with a checkpoint so a clean shutdown leaves nothing unsigned.
        if (state.Size > (latest?.Size ?? 0))
        {
            Integrate([], forceCheckpoint: true);
        }
    }

    /// <summary>
    /// Waits for the channel on this dedicated thread without spinning. <c>Task.Wait</c> spins before it blocks; under
    /// load the channel empties after every batch, and the profile of issue 16 found this thread spending 81 % of its
    /// CPU in that spin on a 2-core machine, a core the request threads needed. The one event is reused: a task's own
    /// wait handle, made for every wait and never disposed, left one kernel event per batch to the finalizer thread, whose
    /// releasing them was 13 % of the supply's samples in the fourth round's profile.
    /// </summary>
    private bool BlockOn(ValueTask<bool> pending)
    {
        if (!pending.IsCompleted)
        {
            woken.Reset();
            pending.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(wake);
            woken.Wait();
        }

        return pending.GetAwaiter().GetResult();
    }

    private TimeSpan CheckpointDueIn()
    {
        var since = time.GetUtcNow() - (latest?.SignedAt ?? DateTimeOffset.MinValue);
        return options.CheckpointInterval - since;
    }

    private void Integrate(List<Request> batch, bool forceCheckpoint)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            IntegrateBatch(batch, forceCheckpoint);
        }
        finally
        {
            Interlocked.Add(ref busyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        }
    }

    private void IntegrateBatch(List<Request> batch, bool forceCheckpoint)
    {
        var entries = batch.Where(r => r.Template is not null).ToList();
        entries.Sort((a, b) => a.Hint.CompareTo(b.Hint));
        try
        {
            using var transaction = store.BeginAppend();
            var current = state;
            var foreign = transaction.Size - current.Size;
            if (transaction.Size != current.Size)
            {
                // Another gateway process appended since this one last held the lock: catch up from the store.
                current = LogState.Load(store, transaction.Size, tiles);
            }

            var leaves = new byte[entries.Count][];
            var hashes = new byte[entries.Count][];
            for (var i = 0; i < entries.Count; i++)
            {
                var position = current.Size + i;
                if (entries[i].Hint == position)
                {
                    (leaves[i], hashes[i]) = (entries[i].Leaf, entries[i].Hash);
                }
                else
                {
                    // The hint was off (a caller between hint and queue, a failed batch, another process): the
                    // position decides, never the hint.
                    leaves[i] = entries[i].Template!.WithIndex(position);
                    hashes[i] = MerkleHash.Leaf(leaves[i]);
                }
            }

            var completed = new List<(int Level, long Index, byte[] Hashes)>();
            var next = current.Append(hashes, completed);
            if (leaves.Length > 0)
            {
                transaction.AddEntries(leaves);
            }

            foreach (var (level, index, tile) in completed)
            {
                transaction.AddTile(level, index, tile);
            }

            var now = time.GetUtcNow();
            StoredCheckpoint? signed = null;
            var due = forceCheckpoint || latest is null || now - latest.SignedAt >= options.CheckpointInterval;
            if (due && next.Size > 0 && next.Size > (latest?.Size ?? 0))
            {
                var root = next.Root();
                signed = new StoredCheckpoint(next.Size, root, signer.Sign(new Checkpoint(signer.Name, next.Size, root).ToText()), now);
                transaction.AddCheckpoint(signed);

                // Partial tiles make every checkpointed leaf's hash available to verifiers and tlog-tiles clients.
                foreach (var (level, index, tile) in next.PartialTiles())
                {
                    transaction.AddTile(level, index, tile);
                }
            }

            transaction.Commit();
            Interlocked.Increment(ref transactions);

            state = next;
            latest = signed ?? latest;
            if (foreign != 0)
            {
                // Another process took positions no hint of this one named: move the hints on by as many.
                Interlocked.Add(ref nextIndex, foreign);
            }
            for (var i = 0; i < entries.Count; i++)
            {
                entries[i].Completion.TrySetResult(current.Size + i);
            }

            if (entries.Count > 0 && HasIndex)
            {
                // The follower indexes them from the store, when appends pause.
                indexDue.Release();
            }

            foreach (var request in batch.Where(r => r.Template is null))
            {
                request.Completion.TrySetResult(next.Size);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Fail closed: no caller of this batch learns an index, so none releases data.
            var failure = new AuditWriteException($"The access log could not store {entries.Count} entries durably in {store.Description}.", e);
            foreach (var request in batch)
            {
                request.Completion.TrySetException(failure);
            }

            // The failed entries' provisional indices will never be used: take them back. Tiles cached for the
            // batch describe leaves that did not land.
            Interlocked.Add(ref nextIndex, -entries.Count);
            tiles.Clear();
            try
            {
                state = LogState.Load(store, store.ReadSize(), tiles);
                latest = store.ReadLatestCheckpoint();
            }
            catch (Exception reload) when (reload is not OutOfMemoryException)
            {
                // The store is unreachable; the next batch retries from the state held.
            }

            // A store that keeps failing must not be hammered by checkpoint retries in a tight loop; callers already
            // got their failure, so pausing the single writer costs them nothing.
            Thread.Sleep(TimeSpan.FromMilliseconds(50));
        }
    }
}
