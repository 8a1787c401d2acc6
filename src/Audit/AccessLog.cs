using System.Threading.Channels;
using Avz.Audit.Entries;
using Avz.Audit.Index;
using Avz.Audit.Merkle;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Tiles;

namespace Avz.Audit;

/// <summary>
/// The append-only, verifiable access log. Callers append entries concurrently; one sequencer integrates them in
/// batches (group commit), each batch one durable transaction under the store's sequencer lock, and signs a checkpoint
/// at least every <see cref="AccessLogOptions.CheckpointInterval"/> while entries arrive. An append completes only
/// when its entry is durable, which is what lets the gateway fail closed. Thread-safe.
/// </summary>
public sealed partial class AccessLog : IAsyncDisposable
{
    private readonly IAuditStore store;
    private readonly NoteSigner signer;
    private readonly TimeProvider time;
    private readonly AccessLogOptions options;
    private readonly TileCache tiles;
    private readonly Channel<Request> requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task sequencer;

    // The sequencer's wait for the channel: no spinning (spin count 0), one event for the log's lifetime.
    private readonly ManualResetEventSlim woken = new(initialState: false, spinCount: 0);
    private readonly Action wake;
    private volatile LogState state;
    private volatile StoredCheckpoint? latest;
    private long transactions;
    private long nextIndex;
    private long busyTicks;
    private readonly SemaphoreSlim indexDue = new(0, int.MaxValue);
    private readonly CancellationTokenSource following = new();
    private readonly Task indexer;

    private AccessLog(IAuditStore store, NoteSigner signer, TimeProvider time, AccessLogOptions options)
    {
        this.store = store;
        this.signer = signer;
        this.time = time;
        this.options = options;
        wake = woken.Set;
        tiles = new TileCache(store);
        latest = store.ReadLatestCheckpoint();
        state = LogState.Load(store, store.ReadSize(), tiles);
        nextIndex = state.Size;

        // The index is derived data: entries appended before it existed (an upgrade) are indexed before the first append;
        // from then on a follower keeps it (see AccessLog.Index.cs).
        LogIndexer.CatchUp(store, fullCheck: true);
        indexer = StoreIndex is null ? Task.CompletedTask : Task.Factory.StartNew(Follow, TaskCreationOptions.LongRunning);
        // A thread of its own, waiting synchronously: an async loop would resume on the thread pool behind the very
        // callers it is to serve, and batches would shrink while they wait for it.
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sequencer = finished.Task;
        new Thread(() =>
        {
            try
            {
                Run();
                finished.SetResult();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                finished.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "avz-audit-sequencer",
        }.Start();
    }

    /// <summary>The number of durable entries this process knows of.</summary>
    public long Size => state.Size;

    /// <summary>Committed transactions so far; with <see cref="Size"/> it gives the mean group-commit batch.</summary>
    internal long Transactions => Interlocked.Read(ref transactions);

    /// <summary>Time the sequencer spent integrating batches; against wall time it tells whether the single writer is the bottleneck.</summary>
    internal TimeSpan SequencerBusy => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref busyTicks));

    /// <summary>Whether the log's store was lost under it (its file deleted or replaced); appends fail from then on.</summary>
    public bool StoreLost => store.Lost;

    /// <summary>The newest signed checkpoint.</summary>
    public StoredCheckpoint? LatestCheckpoint => latest;

    /// <summary>The log's verifier key (C2SP vkey): anyone holding it can check checkpoints and proofs without trusting the gateway.</summary>
    public string VerifierKey => signer.VerifierKey;

    /// <summary>The log's origin.</summary>
    public string Origin => signer.Name;

    /// <summary>Opens a log over a store; recovers its tree state from what the store holds.</summary>
    /// <param name="store">The store; the log owns it from here on.</param>
    /// <param name="signer">The checkpoint key; its name must be the log's origin.</param>
    /// <param name="time">The clock.</param>
    /// <param name="options">The settings.</param>
    /// <returns>The log.</returns>
    public static AccessLog Open(IAuditStore store, NoteSigner signer, TimeProvider time, AccessLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        if (signer.Name != options.Origin)
        {
            throw new ArgumentException($"The checkpoint key is named '{signer.Name}' but the log's origin is '{options.Origin}'; they must be the same.", nameof(signer));
        }

        return new AccessLog(store, signer, time, options);
    }

    /// <summary>Appends an entry and completes when it is durably stored, with its index. Fails with <see cref="AuditWriteException"/> otherwise.</summary>
    /// <param name="entry">The entry; its index and time are set by the log.</param>
    /// <param name="cancellationToken">Stops waiting; the entry may still be stored.</param>
    /// <returns>The entry's index.</returns>
    public Task<long> AppendAsync(AccessLogEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);

        // Encoded into this thread's scratch buffer and copied out once, with the hinted index spliced in.
        var zero = LeafEncoding.EncodeToScratch(entry with { Index = 0, Time = time.GetUtcNow() });
        CheckSize(zero.Length, nameof(entry));
        var hint = TakeHint();
        return Enqueue(new LeafTemplate(zero, hint), cancellationToken);
    }

    /// <summary>Appends an encoded leaf whose index is still 0; the log's own entries come through <see cref="AppendAsync(AccessLogEntry, CancellationToken)"/>, tests write older leaf versions here.</summary>
    internal Task<long> AppendAsync(LeafTemplate template, CancellationToken cancellationToken)
    {
        CheckSize(template.Length, nameof(template));
        var hint = TakeHint();
        return Enqueue(new LeafTemplate(template.WithIndex(0), hint), cancellationToken);
    }

    private static void CheckSize(int length, string parameter)
    {
        if (length > ushort.MaxValue - 20)
        {
            // tlog-tiles entry bundles prefix each entry with a 16-bit length. Checked before a hint is taken: a hint
            // taken and never queued would put every later hint off by one.
            throw new ArgumentException("The entry is too large for the access log (64 KiB).", parameter);
        }
    }

    /// <summary>
    /// A provisional index. Callers take one and do the per-entry work (splice, hash) on their own threads, so the single
    /// writer mostly inserts; the sequencer redoes it for any entry that lands elsewhere than hinted.
    /// </summary>
    private long TakeHint() => Interlocked.Increment(ref nextIndex) - 1;

    private Task<long> Enqueue(LeafTemplate template, CancellationToken cancellationToken)
    {
        var request = new Request(template, template.Index, template.Leaf, MerkleHash.Leaf(template.Leaf));
        if (!requests.Writer.TryWrite(request))
        {
            throw new AuditWriteException("The access log is closed.");
        }

        return request.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Signs a checkpoint of everything appended so far, unless the newest already covers it.</summary>
    /// <returns>The newest checkpoint.</returns>
    public async Task<StoredCheckpoint> CheckpointAsync()
    {
        var request = new Request(null, -1, [], []);
        if (!requests.Writer.TryWrite(request))
        {
            throw new AuditWriteException("The access log is closed.");
        }

        await request.Completion.Task.ConfigureAwait(false);
        return latest ?? throw new InvalidOperationException("An empty log has no checkpoint.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        requests.Writer.TryComplete();
        await sequencer.ConfigureAwait(false);
        await following.CancelAsync().ConfigureAwait(false);
        await indexer.ConfigureAwait(false);
        try
        {
            // A clean shutdown leaves the index complete, as it leaves the log signed; the index is derived data, so a
            // store that fails here costs only a catch-up at the next start.
            CatchUpIndex();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
        }

        following.Dispose();
        indexDue.Dispose();
        woken.Dispose();
        store.Dispose();
    }

    /// <summary>An entry to integrate with its provisional index, leaf and leaf hash; or, without a template, a request for a checkpoint.</summary>
    private sealed class Request(LeafTemplate? template, long hint, byte[] leaf, byte[] hash)
    {
        public LeafTemplate? Template { get; } = template;

        public long Hint { get; } = hint;

        public byte[] Leaf { get; } = leaf;

        public byte[] Hash { get; } = hash;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
