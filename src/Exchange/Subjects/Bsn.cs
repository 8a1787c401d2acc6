namespace Avz.Exchange.Subjects;

/// <summary>
/// The burgerservicenummer: nine digits that pass the eleven-check (elfproef). Validation only; a BSN is never
/// logged, never put in a URL and never stored except encrypted.
/// </summary>
public static class Bsn
{
    /// <summary>Whether the text is a valid BSN: exactly nine ASCII digits whose weighted sum passes the eleven-check.</summary>
    /// <param name="text">The candidate.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValid(string? text)
    {
        if (text is not { Length: 9 })
        {
            return false;
        }

        // Eleven-check for the BSN (Wet algemene bepalingen burgerservicenummer; Logius): weights 9..2 on the first
        // eight digits and -1 on the last; the sum must be a multiple of 11. A zero sum (000000000) is not a BSN.
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            sum += i == 8 ? -digit : digit * (9 - i);
        }

        return sum != 0 && sum % 11 == 0;
    }
}
