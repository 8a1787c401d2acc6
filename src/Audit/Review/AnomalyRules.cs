using Avz.Audit.Index;

namespace Avz.Audit.Review;

/// <summary>
/// The review queue's rules over the log index: emergency access, refusal bursts, volume far above a professional's
/// own median, access outside office hours, access to closed or shredded cases, and fishing. Pure: rows in, flags out,
/// so each rule is tested on constructed rows; thresholds come from <see cref="ReviewOptions"/>.
/// </summary>
public static class AnomalyRules
{
    private static readonly string[] CaseAccess = ["case.", "information.", "consent."];

    /// <summary>Evaluates the rules.</summary>
    /// <param name="rows">Index rows by index, reaching back <see cref="ReviewOptions.VolumeHistoryDays"/> before <paramref name="from"/> for the medians.</param>
    /// <param name="options">The thresholds.</param>
    /// <param name="from">Only entries at or after this time are flagged.</param>
    /// <returns>The flagged entries and why.</returns>
    public static IReadOnlyDictionary<long, SortedSet<ReviewReason>> Evaluate(IReadOnlyList<LogIndexRow> rows, ReviewOptions options, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var flags = new Dictionary<long, SortedSet<ReviewReason>>();
        void Flag(LogIndexRow row, ReviewReason reason)
        {
            if (row.Time >= from)
            {
                (flags.TryGetValue(row.Index, out var reasons) ? reasons : flags[row.Index] = []).Add(reason);
            }
        }

        var closed = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Emergency)
            {
                Flag(row, ReviewReason.Emergency);
            }

            if (IsCaseAccess(row) && OutsideOfficeHours(TimeZoneInfo.ConvertTime(row.Time, zone), options))
            {
                Flag(row, ReviewReason.OutsideOfficeHours);
            }

            // The case's status as the log tells it, in log order: an access after closing is flagged; so is any
            // attempt the gateway refused because the case was shredded or finished (also for cases closed before the window).
            if (row.Case is { } id && row.Action is "case.status" or "case.register" && row.StatusTo is { } to)
            {
                closed[id] = to is "closed" or "rejected";
            }
            else if (IsCaseAccess(row) && row.Action != "retention.shred"
                && ((row.Case is { } accessed && closed.GetValueOrDefault(accessed)) || HasReason(row, "shredded") || HasReason(row, "case-finished")))
            {
                Flag(row, ReviewReason.ClosedOrShreddedCase);
            }
        }

        foreach (var professional in rows.Where(r => r.Actor is not null).GroupBy(r => (r.Party, r.Actor)))
        {
            var own = professional.ToList();
            Bursts(own.Where(r => r.Decision == "refused"), options.RefusalBurstCount, options.RefusalBurstWindow, r => Flag(r, ReviewReason.RefusalBurst));
            Bursts(own.Where(r => r.Action == "case.search" && r.Found == 0), options.FishingCount, options.FishingWindow, r => Flag(r, ReviewReason.Fishing));
            Volume(own.Where(IsCaseAccess), options, zone, r => Flag(r, ReviewReason.VolumeAboveMedian));
        }

        return flags;
    }

    private static bool IsCaseAccess(LogIndexRow row) =>
        row.Actor is not null && row.Action is { } action && CaseAccess.Any(p => action.StartsWith(p, StringComparison.Ordinal));

    private static bool HasReason(LogIndexRow row, string reason) =>
        row.Reasons is { } reasons && reasons.Split(' ').Contains(reason, StringComparer.Ordinal);

    private static bool OutsideOfficeHours(DateTimeOffset local, ReviewOptions options) =>
        (options.WeekendsOutsideOfficeHours && local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        || local.TimeOfDay < options.OfficeHoursStart || local.TimeOfDay >= options.OfficeHoursEnd;

    /// <summary>Flags the row that brings the rows within a window to the count; the burst then starts afresh.</summary>
    private static void Bursts(IEnumerable<LogIndexRow> rows, int count, TimeSpan window, Action<LogIndexRow> flag)
    {
        var recent = new Queue<LogIndexRow>();
        foreach (var row in rows.OrderBy(r => r.Time))
        {
            recent.Enqueue(row);
            while (row.Time - recent.Peek().Time > window)
            {
                recent.Dequeue();
            }

            if (recent.Count >= count)
            {
                flag(row);
                recent.Clear();
            }
        }
    }

    /// <summary>Flags the access that takes a day past both the minimum and the factor times the professional's median of recent working days.</summary>
    private static void Volume(IEnumerable<LogIndexRow> rows, ReviewOptions options, TimeZoneInfo zone, Action<LogIndexRow> flag)
    {
        var days = rows.GroupBy(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.Time, zone).DateTime)).OrderBy(d => d.Key).ToList();
        foreach (var day in days)
        {
            var history = days.Where(d => d.Key < day.Key && d.Key >= day.Key.AddDays(-options.VolumeHistoryDays)).Select(d => d.Count()).Order().ToList();
            if (history.Count < options.VolumeMinimumHistoryDays)
            {
                continue;
            }

            var median = history.Count % 2 == 1 ? history[history.Count / 2] : (history[(history.Count / 2) - 1] + history[history.Count / 2]) / 2.0;
            var threshold = Math.Max(options.VolumeMinimum, options.VolumeFactor * median);
            var accesses = day.OrderBy(r => r.Index).ToList();
            if (accesses.Count > threshold)
            {
                flag(accesses[(int)Math.Floor(threshold)]);
            }
        }
    }
}
