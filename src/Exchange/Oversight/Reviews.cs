using System.Text.Json.Nodes;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Review;
using Avz.Exchange.Cases;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Oversight;

/// <summary>
/// The privacy officers' review queue: every emergency access and every access an anomaly rule flags within the
/// window, with its state (open, justified, not-justified, escalated) as the verdict entries in the log tell it; and
/// the verdict, itself an entry whose comment is kept beside the log. Reading the queue is logged too. Used by the API
/// and the staff portal alike.
/// </summary>
/// <param name="log">The access log.</param>
/// <param name="cases">The exchange, which keeps the verdicts' comments.</param>
/// <param name="options">The anomaly rules' settings.</param>
/// <param name="time">The clock.</param>
public sealed class Reviews(AccessLog log, ICaseExchange cases, IOptions<ReviewOptions> options, TimeProvider time)
{
    /// <summary>The states an item can be in.</summary>
    public static IReadOnlyList<string> States { get; } = ["open", "justified", "not-justified", "escalated"];

    /// <summary>Reads the queue (an <c>audit.read-reviews</c> entry first).</summary>
    /// <param name="caller">The privacy officer.</param>
    /// <param name="state">Only items in this state; null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items, newest first, each with its entry.</returns>
    public async Task<ExchangeResult<ReviewList>> ReadAsync(Caller caller, string? state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (state is not null && !States.Contains(state, StringComparer.Ordinal))
        {
            return ExchangeResult<ReviewList>.Fail(ExchangeErrors.ReviewWordUnknown);
        }

        if (!log.HasIndex)
        {
            return ExchangeResult<ReviewList>.Fail(ExchangeErrors.NoLogIndex);
        }

        var items = Queue().Where(i => state is null || i.State == state).ToList();
        var index = await log.AppendAsync(
            caller.Entry(EntryAction.AuditReadReviews, EntryDecision.Permitted) with { Counts = new EntryCounts { Hits = items.Count } },
            cancellationToken).ConfigureAwait(false);
        return ExchangeResult<ReviewList>.Ok(new ReviewList([.. items.Select(i => i with { Entry = JsonNode.Parse(log.ReadLeaf(i.Index)!)!.AsObject() })]), index);
    }

    /// <summary>Gives a verdict on an item: the comment is kept beside the log, the verdict's entry commits to it.</summary>
    /// <param name="caller">The privacy officer.</param>
    /// <param name="index">The reviewed entry's index.</param>
    /// <param name="verdict">justified, not-justified or escalated.</param>
    /// <param name="comment">Why, 1 to 2000 characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item with its new state, or an error.</returns>
    public async Task<ExchangeResult<ReviewItem>> GiveVerdictAsync(Caller caller, long index, string? verdict, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!Wire.TryParse<ReviewVerdict>(verdict ?? "", out var given))
        {
            return ExchangeResult<ReviewItem>.Fail(ExchangeErrors.ReviewWordUnknown);
        }

        if (comment is not { Length: > 0 and <= 2000 } || string.IsNullOrWhiteSpace(comment))
        {
            return ExchangeResult<ReviewItem>.Fail(ExchangeErrors.VerdictCommentRequired);
        }

        if (!log.HasIndex)
        {
            return ExchangeResult<ReviewItem>.Fail(ExchangeErrors.NoLogIndex);
        }

        var item = Queue().FirstOrDefault(i => i.Index == index);
        if (item is null)
        {
            return ExchangeResult<ReviewItem>.Fail(ExchangeErrors.NotInReview);
        }

        if (item.State is "justified" or "not-justified")
        {
            return ExchangeResult<ReviewItem>.Fail(ExchangeErrors.ReviewClosed);
        }

        // The comment beside the log first, then the entry that commits to it; nothing is answered without the entry.
        var leaf = log.ReadLeaf(index)!;
        var reviewed = Avz.Audit.Index.LogIndexRow.Read(leaf);
        var commitment = await cases.KeepReviewCommentAsync(comment, cancellationToken).ConfigureAwait(false);
        var verdictIndex = await log.AppendAsync(
            caller.Entry(EntryAction.AuditReviewVerdict, EntryDecision.Permitted) with
            {
                RefersTo = index,
                Verdict = given,
                Justification = commitment,
                Case = reviewed.Case,
                Subject = reviewed.Subject,
                Purpose = reviewed.Purpose,
            },
            cancellationToken).ConfigureAwait(false);
        var view = new ReviewVerdictView(verdictIndex, Wire.Of(given), time.GetUtcNow(), caller.Actor);
        return ExchangeResult<ReviewItem>.Ok(item with { State = Wire.Of(given), Verdicts = [.. item.Verdicts, view], Entry = JsonNode.Parse(leaf)!.AsObject() }, verdictIndex);
    }

    /// <summary>The queue: the rules over the window (and the history the medians need), with each item's verdicts.</summary>
    private List<ReviewItem> Queue()
    {
        var settings = options.Value;
        var from = time.GetUtcNow() - settings.Window;
        var rows = log.IndexRowsSince(from.AddDays(-settings.VolumeHistoryDays));
        var flags = AnomalyRules.Evaluate(rows, settings, from);
        var verdicts = rows.Where(r => r.Action == "audit.review-verdict" && r.RefersTo is { } target && flags.ContainsKey(target))
            .GroupBy(r => r.RefersTo!.Value)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Index).Select(r => new ReviewVerdictView(r.Index, r.Verdict ?? "", r.Time, r.Actor)).ToList());
        return [.. flags.OrderByDescending(f => f.Key).Select(f =>
        {
            var given = verdicts.GetValueOrDefault(f.Key) ?? [];
            return new ReviewItem(f.Key, [.. f.Value.Select(Wire.Of)], given.Count == 0 ? "open" : given[^1].Verdict, given, null);
        })];
    }
}

/// <summary>The review queue.</summary>
/// <param name="Items">The items, newest first.</param>
public sealed record ReviewList(IReadOnlyList<ReviewItem> Items);

/// <summary>An entry in the review queue.</summary>
/// <param name="Index">The entry's index.</param>
/// <param name="Reasons">Why it is reviewed: emergency, refusal-burst, volume-above-median, outside-office-hours, closed-or-shredded-case, fishing.</param>
/// <param name="State">open, justified, not-justified or escalated.</param>
/// <param name="Verdicts">The verdicts given, oldest first.</param>
/// <param name="Entry">The entry.</param>
public sealed record ReviewItem(long Index, IReadOnlyList<string> Reasons, string State, IReadOnlyList<ReviewVerdictView> Verdicts, JsonObject? Entry);

/// <summary>A verdict given.</summary>
/// <param name="Index">The verdict's own entry.</param>
/// <param name="Verdict">justified, not-justified or escalated.</param>
/// <param name="Time">When.</param>
/// <param name="Actor">The privacy officer.</param>
public sealed record ReviewVerdictView(long Index, string Verdict, DateTimeOffset Time, string? Actor);
