using Avz.Audit;
using Avz.Audit.Index;
using Avz.Audit.Notes;
using Avz.Audit.Verification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Oversight;

/// <summary>
/// Full verifications of the access log in the background: every entry, tile and checkpoint recomputed from a store
/// of its own against the log's key, then the index compared with the log. One at a time; the newest result and the
/// running one's progress are kept for <c>GET /v1/audit/integrity</c>.
/// </summary>
public sealed class LogIntegrity(AccessLog log, IOptions<AccessLogOptions> options, Func<string> dataDirectory, TimeProvider time, ILogger<LogIntegrity> logger)
{
    private readonly Lock gate = new();
    private IntegrityRun? last;

    /// <summary>The newest run, finished or running; null before the first.</summary>
    public IntegrityRun? Last
    {
        get
        {
            lock (gate)
            {
                return last;
            }
        }
    }

    /// <summary>A privacy officer's request to verify: an <c>audit.verify</c> entry (with the log's size then), then the run.</summary>
    /// <param name="caller">The privacy officer.</param>
    /// <param name="cancellationToken">Cancels the entry.</param>
    /// <returns>The run (a running one is not started again) and the request's entry.</returns>
    public async Task<(IntegrityRun Run, long Entry)> StartLoggedAsync(Avz.Exchange.Cases.Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var index = await log.AppendAsync(
            caller.Entry(Avz.Audit.Entries.EntryAction.AuditVerify, Avz.Audit.Entries.EntryDecision.Permitted) with { Counts = new Avz.Audit.Entries.EntryCounts { Hits = log.Size } },
            cancellationToken).ConfigureAwait(false);
        return (Start(caller.Actor).Run, index);
    }

    /// <summary>Starts a verification unless one is running.</summary>
    /// <param name="startedBy">The actor who asked.</param>
    /// <returns>The run, and whether this call started it.</returns>
    public (IntegrityRun Run, bool Started) Start(string startedBy)
    {
        lock (gate)
        {
            if (last is { State: IntegrityState.Running } running)
            {
                return (running, false);
            }

            if (log.HasIndex)
            {
                log.CatchUpIndex();
            }

            var run = new IntegrityRun(time.GetUtcNow(), startedBy, log.Size);
            last = run;
            _ = Task.Run(() => Verify(run));
            return (run, true);
        }
    }

    private void Verify(IntegrityRun run)
    {
        try
        {
            using var store = AccessLogFactory.OpenStore(options.Value, dataDirectory());
            var report = LogVerifier.Verify(store, NoteVerifier.Parse(log.VerifierKey), new Progress<long>(n => run.Verified = n));
            // The index is caught up to the log's size at the start, and compared that far; later entries are the follower's.
            var (differences, _) = store is ILogIndex ? LogIndexer.Compare(store, run.Total) : ([], 0);
            run.Finish(report, differences, time.GetUtcNow());
            IntegrityLog.Finished(logger, report.Entries, report.Findings.Count, differences.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            run.Fail(time.GetUtcNow());
            IntegrityLog.Failed(logger, e.GetType().Name);
        }
    }
}

/// <summary>The state of a verification.</summary>
public enum IntegrityState
{
    /// <summary>Still verifying.</summary>
    Running,

    /// <summary>Finished; see its findings.</summary>
    Finished,

    /// <summary>Could not run to its end (the store could not be read); nothing is concluded.</summary>
    Failed,
}

/// <summary>One verification run.</summary>
/// <param name="startedAt">When it started.</param>
/// <param name="startedBy">Who asked for it.</param>
/// <param name="total">The log's size when it started.</param>
public sealed class IntegrityRun(DateTimeOffset startedAt, string startedBy, long total)
{
    private long verified;

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Who asked for it.</summary>
    public string StartedBy { get; } = startedBy;

    /// <summary>The log's size when it started.</summary>
    public long Total { get; } = total;

    /// <summary>The state.</summary>
    public IntegrityState State { get; private set; } = IntegrityState.Running;

    /// <summary>Entries verified so far.</summary>
    public long Verified
    {
        get => Interlocked.Read(ref verified);
        set => Interlocked.Exchange(ref verified, value);
    }

    /// <summary>When it finished or failed.</summary>
    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>The verifier's report, once finished.</summary>
    public VerificationReport? Report { get; private set; }

    /// <summary>Entries whose index row is missing or differs from the leaf (the first 100).</summary>
    public IReadOnlyList<long> IndexDifferences { get; private set; } = [];

    internal void Finish(VerificationReport report, IReadOnlyList<long> differences, DateTimeOffset at)
    {
        (Report, IndexDifferences, Verified, FinishedAt) = (report, differences, report.Entries, at);
        State = IntegrityState.Finished;
    }

    internal void Fail(DateTimeOffset at)
    {
        FinishedAt = at;
        State = IntegrityState.Failed;
    }
}

internal static partial class IntegrityLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Access-log verification finished: {Entries} entries, {Findings} findings, {IndexDifferences} index differences")]
    public static partial void Finished(ILogger logger, long entries, int findings, int indexDifferences);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Access-log verification could not run to its end ({Error})")]
    public static partial void Failed(ILogger logger, string error);
}

/// <summary>The log's integrity as a privacy officer sees it.</summary>
/// <param name="LogSize">Entries in the log.</param>
/// <param name="LatestCheckpoint">The newest signed checkpoint (note), or null before the first.</param>
/// <param name="SignedSize">The size it signs.</param>
/// <param name="LastVerification">The newest full verification, or null before the first.</param>
public sealed record IntegrityView(long LogSize, string? LatestCheckpoint, long SignedSize, VerificationView? LastVerification)
{
    /// <summary>The view of the log and its newest run.</summary>
    /// <param name="log">The log.</param>
    /// <param name="run">The newest run, if any.</param>
    /// <returns>The view.</returns>
    public static IntegrityView Of(AccessLog log, IntegrityRun? run) => new(
        log.Size,
        log.LatestCheckpoint?.Note,
        log.LatestCheckpoint?.Size ?? 0,
        run is null ? null : new VerificationView(
            run.State switch { IntegrityState.Running => "running", IntegrityState.Finished => "finished", _ => "failed" },
            run.StartedAt,
            run.StartedBy,
            run.FinishedAt,
            run.Total,
            run.Verified,
            run.Report?.Succeeded is true && run.IndexDifferences.Count == 0 ? true : run.Report is null ? null : false,
            run.Report?.Checkpoints,
            [.. run.Report?.Findings.Take(20).Select(f => f.ToString()) ?? []],
            run.IndexDifferences));
}

/// <summary>A verification run.</summary>
/// <param name="State">running, finished or failed (could not run to its end).</param>
/// <param name="StartedAt">When.</param>
/// <param name="StartedBy">Who asked.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Total">The log's size when it started.</param>
/// <param name="Verified">Entries verified so far.</param>
/// <param name="Succeeded">Whether the log and its index verified; null until finished.</param>
/// <param name="Checkpoints">Valid checkpoints found.</param>
/// <param name="Findings">What is wrong (the first 20).</param>
/// <param name="IndexDifferences">Entries whose index row is missing or differs from the log (the first 100).</param>
public sealed record VerificationView(
    string State,
    DateTimeOffset StartedAt,
    string StartedBy,
    DateTimeOffset? FinishedAt,
    long Total,
    long Verified,
    bool? Succeeded,
    int? Checkpoints,
    IReadOnlyList<string> Findings,
    IReadOnlyList<long> IndexDifferences);

