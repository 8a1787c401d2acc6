using System.Globalization;

namespace Avz.Policy.Model;

/// <summary>How long case data is kept after a case closes, as an ISO 8601 period of years, months and days (<c>P2Y</c>, <c>P6M</c>).</summary>
/// <param name="Years">Whole years.</param>
/// <param name="Months">Whole months.</param>
/// <param name="Days">Whole days.</param>
public readonly record struct RetentionPeriod(int Years, int Months, int Days)
{
    /// <summary>Adds the period to an instant: years first, then months, then days.</summary>
    /// <param name="instant">The instant the case closed.</param>
    /// <returns>The retention deadline.</returns>
    public DateTimeOffset AddTo(DateTimeOffset instant) => instant.AddYears(Years).AddMonths(Months).AddDays(Days);

    /// <summary>Parses <c>P[nY][nM][nD]</c>; weeks and times are not accepted.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="period">The parsed period when the text is valid.</param>
    /// <returns>Whether the text is a valid, non-empty period.</returns>
    public static bool TryParse(string text, out RetentionPeriod period)
    {
        ArgumentNullException.ThrowIfNull(text);
        period = default;
        if (text.Length < 3 || text[0] != 'P')
        {
            return false;
        }

        int years = 0, months = 0, days = 0, position = 1, lastUnit = -1;
        while (position < text.Length)
        {
            var start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            if (position == start || position == text.Length || position - start > 4)
            {
                return false;
            }

            var value = int.Parse(text.AsSpan(start, position - start), NumberStyles.None, CultureInfo.InvariantCulture);
            var unit = text[position] switch { 'Y' => 0, 'M' => 1, 'D' => 2, _ => -1 };
            if (unit <= lastUnit)
            {
                return false;
            }

            lastUnit = unit;
            switch (unit)
            {
                case 0: years = value; break;
                case 1: months = value; break;
                default: days = value; break;
            }

            position++;
        }

        period = new RetentionPeriod(years, months, days);
        return years + months + days > 0;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = "P";
        if (Years > 0)
        {
            text += Years.ToString(CultureInfo.InvariantCulture) + "Y";
        }

        if (Months > 0)
        {
            text += Months.ToString(CultureInfo.InvariantCulture) + "M";
        }

        if (Days > 0)
        {
            text += Days.ToString(CultureInfo.InvariantCulture) + "D";
        }

        return text;
    }
}
