using Avz.Audit.Index;
using Avz.Audit.Review;

namespace Avz.Audit.Tests.Review;

/// <summary>
/// Each anomaly rule fires on a constructed case and stays silent on three weeks of a professional's normal work:
/// office hours on weekdays, about ten accesses a day, the odd refusal, searches that find their case, a case that is
/// closed and then only shredded.
/// </summary>
public sealed class AnomalyRuleTests
{
    private static readonly ReviewOptions Options = new();
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>Monday 2 November 2026, 00:00 in Amsterdam.</summary>
    private static readonly DateTime Monday = new(2026, 11, 2);

    [Fact]
    public void NormalWork_FlagsNothing()
    {
        var rows = new Log().NormalWeeks().Rows;

        Assert.Empty(AnomalyRules.Evaluate(rows, Options, DateTimeOffset.MinValue));
    }

    [Fact]
    public void EmergencyAccess_IsAlwaysReviewed()
    {
        var log = new Log().NormalWeeks();
        var emergency = log.Add(Day(19, 10), "information.emergency", "permitted", emergency: true);

        Assert.Equal([ReviewReason.Emergency], Flags(log)[emergency]);
    }

    [Fact]
    public void FiveRefusalsInTenMinutes_AreABurst_FourAreNot()
    {
        var log = new Log().NormalWeeks();
        var refusals = Enumerable.Range(0, 5).Select(i => log.Add(Day(19, 14).AddMinutes(i * 2), "information.request", "refused", reasons: "not-participant", @case: "case-x" + i)).ToList();

        var flags = Flags(log);
        Assert.Equal([ReviewReason.RefusalBurst], flags[refusals[4]]);
        Assert.Single(flags);

        var slower = new Log().NormalWeeks();
        Enumerable.Range(0, 5).ToList().ForEach(i => slower.Add(Day(19, 9).AddMinutes(i * 15), "information.request", "refused", @case: "case-y" + i));
        Assert.Empty(Flags(slower));
    }

    [Fact]
    public void ADayFarAboveTheProfessionalsOwnMedian_IsFlagged_AtTheAccessThatCrossesIt()
    {
        var log = new Log().NormalWeeks();
        var busy = Enumerable.Range(0, 40).Select(i => log.Add(Day(18, 9).AddMinutes(i * 5), "information.request", "permitted", @case: "case-" + (i % 30))).ToList();

        // Normal days hold about ten accesses; the threshold is max(20, 3 x median) = 33 with today's normal ten.
        var flagged = Assert.Single(Flags(log), f => f.Value.Contains(ReviewReason.VolumeAboveMedian));
        Assert.Equal(ReviewReason.VolumeAboveMedian, Assert.Single(flagged.Value));
        Assert.Contains(flagged.Key, busy);
    }

    [Fact]
    public void AccessAtNightOrAtTheWeekend_IsOutsideOfficeHours()
    {
        var log = new Log().NormalWeeks();
        var night = log.Add(Day(16, 23), "information.request", "permitted");
        var saturday = log.Add(Day(14, 11), "case.read", "permitted");
        var sevenSharp = log.Add(Day(17, 7), "case.read", "permitted");

        var flags = Flags(log);
        Assert.Equal([ReviewReason.OutsideOfficeHours], flags[night]);
        Assert.Equal([ReviewReason.OutsideOfficeHours], flags[saturday]);
        Assert.False(flags.ContainsKey(sevenSharp));
    }

    [Fact]
    public void AccessAfterTheCaseClosed_OrAnAttemptOnAShreddedCase_IsFlagged()
    {
        var log = new Log().NormalWeeks();
        log.Add(Day(16, 10), "case.status", "permitted", @case: "case-closed", statusTo: "closed");
        var afterClosing = log.Add(Day(17, 10), "information.request", "permitted", @case: "case-closed");
        var shredded = log.Add(Day(17, 11), "case.read", "refused", @case: "case-gone", reasons: "shredded");
        var closedLongAgo = log.Add(Day(17, 12), "information.supply", "refused", @case: "case-before-the-window", reasons: "case-finished");

        var flags = Flags(log);
        Assert.Equal([ReviewReason.ClosedOrShreddedCase], flags[afterClosing]);
        Assert.Equal([ReviewReason.ClosedOrShreddedCase], flags[shredded]);
        Assert.Equal([ReviewReason.ClosedOrShreddedCase], flags[closedLongAgo]);
        Assert.Equal(3, flags.Count);
    }

    [Fact]
    public void ThreeSearchesThatFindNothingWithinAnHour_AreFishing()
    {
        var log = new Log().NormalWeeks();
        var searches = Enumerable.Range(0, 3).Select(i => log.Add(Day(19, 13).AddMinutes(i * 10), "case.search", "permitted", @case: null, found: 0)).ToList();

        var flags = Flags(log);
        Assert.Equal([ReviewReason.Fishing], flags[searches[2]]);
        Assert.Single(flags);
    }

    [Fact]
    public void OnlyEntriesInsideTheWindow_AreFlagged_ButOlderOnesCountForTheMedian()
    {
        var log = new Log().NormalWeeks();
        var old = log.Add(Day(3, 23), "information.request", "permitted");
        Assert.True(Flags(log).ContainsKey(old));
        Assert.DoesNotContain(old, AnomalyRules.Evaluate(log.Rows, Options, Day(10, 0)).Keys);
    }

    private static IReadOnlyDictionary<long, SortedSet<ReviewReason>> Flags(Log log) => AnomalyRules.Evaluate(log.Rows, Options, DateTimeOffset.MinValue);

    /// <summary>A local Amsterdam time on a day of November 2026, as the log records it (UTC).</summary>
    private static DateTimeOffset Day(int day, int hour) =>
        new(TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 11, day, hour, 0, 0), Amsterdam), TimeSpan.Zero);

    private sealed class Log
    {
        public List<LogIndexRow> Rows { get; } = [];

        /// <summary>Three weeks of weekdays: ten accesses between 09:00 and 16:30, one refusal, one search that finds its case; a case closed and shredded.</summary>
        public Log NormalWeeks()
        {
            for (var day = Monday; day < Monday.AddDays(21); day = day.AddDays(1))
            {
                if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    continue;
                }

                var nine = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.AddHours(9), Amsterdam), TimeSpan.Zero);
                for (var i = 0; i < 10; i++)
                {
                    Add(nine.AddMinutes(i * 45), i % 2 == 0 ? "information.request" : "case.read", "permitted", @case: "case-" + (i % 4));
                }

                Add(nine.AddMinutes(20), "information.request", "refused", reasons: "not-participant", @case: "case-9");
                Add(nine.AddMinutes(30), "case.search", "permitted", @case: null, found: 1);
            }

            Add(Day(6, 10), "case.status", "permitted", @case: "case-old", statusTo: "closed");
            Add(Day(6, 10).AddHours(1), "retention.shred", "permitted", @case: "case-old", actor: null);
            return this;
        }

        public long Add(DateTimeOffset time, string action, string decision, string? @case = "case-1", string? reasons = null, bool emergency = false, long? found = null, string? statusTo = null, string? actor = "casemanager-12")
        {
            var row = new LogIndexRow(Rows.Count, time, "gem-groningen", "client", actor, "casemanager", @case, "ps1:x", "process-direction", action, decision, emergency, reasons, found, null, null, statusTo);
            Rows.Add(row);
            return row.Index;
        }
    }
}
