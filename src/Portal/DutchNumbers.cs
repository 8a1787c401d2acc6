using System.Globalization;

namespace Avz.Exchange.Portal;

/// <summary>
/// Dutch number notation (58.358,50) for the portal's pages. The gateway runs in invariant globalization mode, where
/// the nl-NL culture does not exist, so the two separators are set here.
/// </summary>
public static class DutchNumbers
{
    /// <summary>Decimal comma, thousands point.</summary>
    public static NumberFormatInfo Format { get; } = NumberFormatInfo.ReadOnly(new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." });
}
