using System.Globalization;
using System.Text;
using Avz.Exchange.House;

namespace Avz.Exchange.Portal;

/// <summary>
/// The trends page's chart: per quarter a stacked bar of the cases registered then, by status, drawn from the report's
/// total row only. A hidden count is not drawn (its bar is marked instead), so the chart shows nothing the table does not.
/// </summary>
public static class TrendChart
{
    private static readonly string[] Colours = ["#1f4e79", "#7a4f01", "#2e6b30", "#5b5b5b"];

    /// <summary>The Dutch names of the status columns.</summary>
    public static IReadOnlyList<string> ColumnNames { get; } = ["aangemeld", "in triage", "actief", "afgesloten"];

    /// <summary>The colour of a status column.</summary>
    /// <param name="column">The column.</param>
    /// <returns>An RGB colour with at least 3:1 contrast on white.</returns>
    public static string Colour(int column) => Colours[column % Colours.Length];

    /// <summary>The chart as an SVG element, labelled for assistive technology.</summary>
    /// <param name="report">The report.</param>
    /// <returns>SVG markup; every text in it is encoded.</returns>
    public static string Svg(TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        const int width = 720, height = 260, left = 40, bottom = 40, top = 20;
        var quarters = report.Quarters;
        var max = Math.Max(1, quarters.Max(q => q.ByMunicipality.Total.Cells.Sum(c => c.Count ?? 0)));
        var slot = (width - left - 10) / (double)Math.Max(1, quarters.Count);
        var scale = (height - bottom - top) / (double)max;
        static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"trend-titel trend-uitleg\">");
        svg.Append("<title id=\"trend-titel\">Aangemelde zaken per kwartaal, naar status</title>");
        svg.Append("<desc id=\"trend-uitleg\">Gestapelde staven per kwartaal van aanmelding. Verborgen aantallen (kleiner dan 5, of verborgen zodat een klein aantal niet terug te rekenen is) zijn niet getekend; een sterretje markeert zo'n staaf. De tabellen hieronder geven dezelfde cijfers.</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{height - bottom}\" x2=\"{width - 5}\" y2=\"{height - bottom}\" stroke=\"#1a1a1a\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{top + 4}\" text-anchor=\"end\" font-size=\"11\" fill=\"#1a1a1a\">{max}</text><text x=\"{left - 6}\" y=\"{height - bottom}\" text-anchor=\"end\" font-size=\"11\" fill=\"#1a1a1a\">0</text>");
        for (var i = 0; i < quarters.Count; i++)
        {
            var quarter = quarters[i];
            var x = left + (i * slot) + (slot * 0.2);
            var y = (double)(height - bottom);
            var cells = quarter.ByMunicipality.Total.Cells;
            for (var j = 0; j < cells.Count; j++)
            {
                if (cells[j].Count is not { } count || count == 0)
                {
                    continue;
                }

                var h = count * scale;
                y -= h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(slot * 0.6)}\" height=\"{N(h)}\" fill=\"{Colour(j)}\"><title>{ColumnNames[j]}: {count} in {quarter.Quarter}</title></rect>");
            }

            if (cells.Any(c => c.Count is null))
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + (slot * 0.3))}\" y=\"{N(y - 4)}\" text-anchor=\"middle\" font-size=\"14\" fill=\"#1a1a1a\">*<title>niet alle aantallen getoond</title></text>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + (slot * 0.3))}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1a1a1a\">{quarter.Quarter}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
