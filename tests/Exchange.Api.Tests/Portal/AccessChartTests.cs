using Avz.Audit.Index;
using Avz.Exchange.Portal;

namespace Avz.Exchange.Api.Tests.Portal;

public sealed class AccessChartTests
{
    private static readonly DateOnly First = new(2026, 11, 18);

    [Fact]
    public void CountsAccessesPerDayAndParty_TheFiveBusiestAndTheRest_WithRefusalsAndEmergenciesPerDay()
    {
        var rows = new List<LogIndexRow>();
        void Add(int day, string party, string action = "information.request", string decision = "permitted", bool emergency = false) =>
            rows.Add(new LogIndexRow(rows.Count, new DateTimeOffset(First.AddDays(day).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), party, null, null, null, "c", null, null, action, decision, emergency));
        foreach (var (party, count) in new[] { ("politie", 6), ("gem-groningen", 5), ("lentis", 4), ("avz", 3), ("om", 2), ("vnn", 1), ("ggd-groningen", 1) })
        {
            for (var i = 0; i < count; i++)
            {
                Add(0, party);
            }
        }

        Add(1, "politie", decision: "refused");
        Add(1, "gem-groningen", "information.emergency", "partial", emergency: true);
        Add(1, "avz", "audit.search");        // not an access to case data
        Add(2, "avz", "staff.login");

        var chart = AccessChart.Of(rows, First, 3);

        Assert.Equal(["politie", "gem-groningen", "lentis", "avz", "om", "overige"], chart.Parties);
        Assert.Equal(2, chart.Counts[(First, "overige")]);
        Assert.Equal(6, chart.Counts[(First, "politie")]);
        Assert.Equal(1, chart.Refused[First.AddDays(1)]);
        Assert.Equal(1, chart.Emergency[First.AddDays(1)]);
        Assert.Equal(24, chart.Total);
        Assert.False(chart.Counts.ContainsKey((First.AddDays(2), "avz")));

        var svg = chart.Svg();
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", svg, StringComparison.Ordinal);
        Assert.Contains("<title id=\"grafiek-titel\">", svg, StringComparison.Ordinal);
        Assert.Contains("1 geweigerd op 2026-11-19", svg, StringComparison.Ordinal);
        Assert.Contains("1 noodtoegang op 2026-11-19", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", svg, StringComparison.OrdinalIgnoreCase);
    }
}
