using Avz.Audit;
using Avz.Audit.Index;
using Avz.Audit.Notes;
using Avz.Audit.Verification;
using Avz.Exchange.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Audit;

/// <summary>
/// Full verifications of the access log in the background: every entry, tile and checkpoint recomputed from a store
/// of its own against the log's key, then the index compared with the log. One at a time; the newest result and the
/// running one's progress are kept for <c>GET /v1/audit/integrity</c>.
/// </summary>
public sealed class LogIntegrity(AccessLog log, IOptions<AccessLogOptions> options, IServiceProvider services, TimeProvider time, ILogger<LogIntegrity> logger)
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
            using var store = AccessLogFactory.OpenStore(options.Value, DataDirectory.Of(services));
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
