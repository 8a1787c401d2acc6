using Avz.Policy;
using Avz.Policy.Model;

namespace Avz.Exchange.House;

/// <summary>
/// Divides a budget over the convenant's municipalities by population, the key of the house's own budget (the
/// stuurgroep's letter, bijlagen 1 and 2), to the cent. Largest-remainder rounding (Hamilton's method): each
/// municipality first gets its exact pro-rata share rounded down to the cent, and the cents left over go one each to the
/// largest remainders, so the shares sum exactly to the total and no share is a cent or more from its exact amount.
/// </summary>
public static class ContributionSplit
{
    /// <summary>The largest total the split takes: EUR 10 billion, far above any house's budget.</summary>
    public const decimal MaximumTotal = 10_000_000_000m;

    /// <summary>Divides <paramref name="total"/> over the policy's municipalities by their population.</summary>
    /// <param name="policy">The convenant policy; its municipalities and their populations are the key.</param>
    /// <param name="total">The budget in euros, at most two decimals, from 0.01 to <see cref="MaximumTotal"/>.</param>
    /// <returns>One share per municipality, in the policy's order of parties.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The total is not a positive amount in whole cents up to the maximum.</exception>
    /// <exception cref="InvalidOperationException">The policy names no municipality with a population.</exception>
    public static IReadOnlyList<Contribution> Divide(CompiledPolicy policy, decimal total)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var municipalities = policy.Document.Parties
            .Where(p => p.Kind == PartyKind.Municipality && p.Population is > 0)
            .Select(p => (p.Id, p.Name, Population: p.Population!.Value))
            .ToList();
        return Divide(municipalities, total);
    }

    /// <summary>Divides <paramref name="total"/> over the given municipalities by their population.</summary>
    /// <param name="municipalities">Party id, name and inhabitants of each municipality.</param>
    /// <param name="total">The budget in euros, at most two decimals, from 0.01 to <see cref="MaximumTotal"/>.</param>
    /// <returns>One share per municipality, in the given order.</returns>
    public static IReadOnlyList<Contribution> Divide(IReadOnlyList<(string Id, string Name, int Population)> municipalities, decimal total)
    {
        ArgumentNullException.ThrowIfNull(municipalities);
        if (total <= 0 || total > MaximumTotal || decimal.Round(total, 2) != total)
        {
            throw new ArgumentOutOfRangeException(nameof(total), "The total must be a positive amount in whole cents, at most EUR 10 billion.");
        }

        if (municipalities.Count == 0 || municipalities.Any(m => m.Population <= 0))
        {
            throw new InvalidOperationException("The convenant names no municipality with a population; the policy's parties of kind municipality need 'population'.");
        }

        // Whole cents and whole inhabitants: the arithmetic is exact (cents × inhabitants < 10^12 × 2^31 fits Int128).
        var cents = (Int128)(total * 100);
        Int128 inhabitants = municipalities.Sum(m => (long)m.Population);
        var floors = new Int128[municipalities.Count];
        var remainders = new Int128[municipalities.Count];
        for (var i = 0; i < municipalities.Count; i++)
        {
            var product = cents * municipalities[i].Population;
            floors[i] = product / inhabitants;
            remainders[i] = product % inhabitants;
        }

        var left = cents;
        foreach (var floor in floors)
        {
            left -= floor;
        }

        // Fewer cents are left than there are municipalities. Ties go to the larger population, then to the party id, so
        // the split never depends on the order of the parties in the file.
        var order = Enumerable.Range(0, municipalities.Count)
            .OrderByDescending(i => remainders[i])
            .ThenByDescending(i => municipalities[i].Population)
            .ThenBy(i => municipalities[i].Id, StringComparer.Ordinal);
        foreach (var i in order.Take((int)left))
        {
            floors[i]++;
        }

        return municipalities
            .Select((m, i) => new Contribution(m.Id, m.Name, m.Population, (decimal)floors[i] / 100m, total * m.Population / (decimal)inhabitants))
            .ToList();
    }
}
