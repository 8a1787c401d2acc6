using System.Globalization;
using System.Text;
using Avz.Audit.Index;

namespace Avz.Exchange.Portal;

/// <summary>
/// Accesses to case data per day and party, from the log index: a stacked bar per day (the five busiest parties and
/// the rest), refusals and emergency accesses marked above each bar. Rendered on the server as SVG (no script, no
/// outside source); the same numbers are in a table beside it for whoever does not see the picture.
/// </summary>
public sealed class AccessChart
{
    /// <summary>Colours for the parties, each at least 3:1 against white (WCAG 1.4.11).</summary>
    private static readonly string[] Colours = ["#0b4f8a", "#6b3fa0", "#1d6b3a", "#8a4b0b", "#a3195b", "#5c5c5c"];

    private AccessChart(IReadOnlyList<DateOnly> days, IReadOnlyList<string> parties, Dictionary<(DateOnly, string), int> counts, Dictionary<DateOnly, int> refused, Dictionary<DateOnly, int> emergency)
    {
        Days = days;
        Parties = parties;
        Counts = counts;
        Refused = refused;
        Emergency = emergency;
    }

    /// <summary>The days, oldest first.</summary>
    public IReadOnlyList<DateOnly> Days { get; }

    /// <summary>The parties shown, busiest first; the last may be <c>overige</c>.</summary>
    public IReadOnlyList<string> Parties { get; }

    /// <summary>Accesses per day and party.</summary>
    public IReadOnlyDictionary<(DateOnly Day, string Party), int> Counts { get; }

    /// <summary>Refused accesses per day.</summary>
    public IReadOnlyDictionary<DateOnly, int> Refused { get; }

    /// <summary>Emergency accesses per day.</summary>
    public IReadOnlyDictionary<DateOnly, int> Emergency { get; }

    /// <summary>How many accesses the chart counts.</summary>
    public int Total => Counts.Values.Sum();

    /// <summary>Counts the case and information accesses of the index rows, per UTC day.</summary>
    /// <param name="rows">The rows since the first day.</param>
    /// <param name="first">The first day.</param>
    /// <param name="days">How many days.</param>
    /// <returns>The chart.</returns>
    public static AccessChart Of(IEnumerable<LogIndexRow> rows, DateOnly first, int days)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var accesses = rows.Where(r => r.Action is { } a && (a.StartsWith("case.", StringComparison.Ordinal) || a.StartsWith("information.", StringComparison.Ordinal))).ToList();
        var busiest = accesses.GroupBy(r => r.Party ?? "").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var shown = busiest.Take(5).ToList();
        string Bucket(string? party) => shown.Contains(party ?? "") ? party ?? "" : "overige";
        if (busiest.Count > 5)
        {
            shown.Add("overige");
        }

        var range = Enumerable.Range(0, days).Select(first.AddDays).ToList();
        var counts = new Dictionary<(DateOnly, string), int>();
        var refused = new Dictionary<DateOnly, int>();
        var emergency = new Dictionary<DateOnly, int>();
        foreach (var row in accesses)
        {
            var day = DateOnly.FromDateTime(row.Time.UtcDateTime);
            var key = (day, Bucket(row.Party));
            counts[key] = counts.GetValueOrDefault(key) + 1;
            if (row.Decision == "refused")
            {
                refused[day] = refused.GetValueOrDefault(day) + 1;
            }

            if (row.Emergency)
            {
                emergency[day] = emergency.GetValueOrDefault(day) + 1;
            }
        }

        return new AccessChart(range, shown, counts, refused, emergency);
    }

    /// <summary>The colour of a party's bars.</summary>
    /// <param name="party">The party.</param>
    /// <returns>An RGB colour.</returns>
    public string Colour(string party) => Colours[Math.Max(0, Parties.ToList().IndexOf(party)) % Colours.Length];

    /// <summary>The chart as an SVG element, labelled for assistive technology.</summary>
    /// <returns>SVG markup; every text in it is encoded.</returns>
    public string Svg()
    {
        const int width = 720, height = 260, left = 40, bottom = 40, top = 30;
        var max = Math.Max(1, Days.Max(d => Parties.Sum(p => Counts.GetValueOrDefault((d, p)))));
        var slot = (width - left - 10) / (double)Days.Count;
        var scale = (height - bottom - top) / (double)max;
        var svg = new StringBuilder();
        string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
        static string E(string text) => System.Net.WebUtility.HtmlEncode(text);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"grafiek-titel grafiek-uitleg\">");
        svg.Append("<title id=\"grafiek-titel\">Toegang per dag en partij</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"grafiek-uitleg\">{Total} toegangen in {Days.Count} dagen; rode cirkels tellen weigeringen, oranje driehoeken noodtoegang. De tabel hieronder geeft dezelfde cijfers.</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - 5}\" y2=\"{height - bottom}\" stroke=\"#1a1a1a\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{top + 4}\" text-anchor=\"end\" font-size=\"11\" fill=\"#1a1a1a\">{max}</text><text x=\"{left - 6}\" y=\"{height - bottom}\" text-anchor=\"end\" font-size=\"11\" fill=\"#1a1a1a\">0</text>");
        for (var i = 0; i < Days.Count; i++)
        {
            var day = Days[i];
            var x = left + (i * slot) + (slot * 0.15);
            var y = (double)(height - bottom);
            foreach (var party in Parties)
            {
                var count = Counts.GetValueOrDefault((day, party));
                if (count == 0)
                {
                    continue;
                }

                var h = count * scale;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(slot * 0.7)}\" height=\"{N(h)}\" fill=\"{Colour(party)}\"><title>{E(party)}: {count} op {day:yyyy-MM-dd}</title></rect>");
            }

            if (Refused.GetValueOrDefault(day) is > 0 and var refusals)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x + (slot * 0.2))}\" cy=\"{N(y - 9)}\" r=\"6\" fill=\"#a30000\"><title>{refusals} geweigerd op {day:yyyy-MM-dd}</title></circle>");
            }

            if (Emergency.GetValueOrDefault(day) is > 0 and var emergencies)
            {
                var cx = x + (slot * 0.5);
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{N(cx)} {N(y - 16)} l6 11 h-12 z\" fill=\"#b35900\"><title>{emergencies} noodtoegang op {day:yyyy-MM-dd}</title></path>");
            }

            if (Days.Count <= 14 || i % 2 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + (slot * 0.35))}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1a1a1a\">{day:dd-MM}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
