using Avz.Exchange.House;
using CsCheck;

namespace Avz.Exchange.Tests.House;

public sealed class ContributionSplitTests
{
    // The twelve municipalities of the 2019 convenant with their inhabitants on 1 January 2017 (the stuurgroep's
    // letter, bijlage 1, merged municipalities summed): 583,585 in all.
    private static readonly (string Id, string Name, int Population)[] Groningen =
    [
        ("gem-appingedam", "Appingedam", 11967), ("gem-delfzijl", "Delfzijl", 24961), ("gem-groningen", "Groningen", 229431),
        ("gem-het-hogeland", "Het Hogeland", 49815), ("gem-loppersum", "Loppersum", 9915), ("gem-midden-groningen", "Midden-Groningen", 61136),
        ("gem-oldambt", "Oldambt", 38107), ("gem-pekela", "Pekela", 12548), ("gem-stadskanaal", "Stadskanaal", 32255),
        ("gem-veendam", "Veendam", 27526), ("gem-westerkwartier", "Westerkwartier", 61067), ("gem-westerwolde", "Westerwolde", 24857),
    ];

    [Fact]
    public void Divide_IncidentalClaim2018_GivesTenCentsPerInhabitant_SummingToTheTotal()
    {
        Assert.Equal(583_585, Groningen.Sum(m => m.Population));

        var shares = ContributionSplit.Divide(Groningen, 58_358.50m);

        Assert.All(shares, s => Assert.Equal(s.Population * 0.10m, s.Amount));
        Assert.Equal(58_358.50m, shares.Sum(s => s.Amount));
        Assert.Equal(22_943.10m, shares.Single(s => s.Party == "gem-groningen").Amount);
    }

    [Fact]
    public void Divide_StructuralContribution2019_StaysWithinACentOfProRata_AndSumsExactly()
    {
        var shares = ContributionSplit.Divide(Groningen, 139_000m);

        Assert.Equal(139_000m, shares.Sum(s => s.Amount));
        foreach (var share in shares)
        {
            var exact = 139_000m * share.Population / 583_585m;
            Assert.True(Math.Abs(share.Amount - exact) < 0.01m, $"{share.Party}: {share.Amount} is a cent or more from {exact}");
            Assert.Equal(decimal.Round(share.Amount, 2), share.Amount);
        }

        // Rounding each share to the nearest cent would not sum to the total here; the largest remainders take the
        // cents that are left, so the test checks the method, not a lucky total.
        Assert.Equal(138_999.98m, shares.Sum(s => decimal.Round(s.Exact, 2, MidpointRounding.AwayFromZero)));
    }

    [Fact]
    public void Divide_AnyPopulationsAndTotal_SumsExactly_AndEachShareIsWithinACent()
    {
        var municipalities = Gen.Int[1, 3_000_000].Array[1, 40];
        var totals = Gen.Long[1, 1_000_000_000_000L].Select(cents => cents / 100m);
        Gen.Select(municipalities, totals).Sample((populations, total) =>
        {
            var list = populations.Select((p, i) => ($"gem-{i}", $"M{i}", p)).ToList();
            var inhabitants = populations.Sum(p => (long)p);

            var shares = ContributionSplit.Divide(list, total);

            Assert.Equal(total, shares.Sum(s => s.Amount));
            Assert.All(shares, s =>
            {
                Assert.True(Math.Abs(s.Amount - (total * s.Population / inhabitants)) < 0.01m);
                Assert.True(s.Amount >= 0);
            });
        });
    }

    [Fact]
    public void Divide_EqualRemainders_DoNotDependOnTheOrderOfTheParties()
    {
        (string, string, int)[] three = [("a", "A", 1), ("b", "B", 1), ("c", "C", 1)];

        var forward = ContributionSplit.Divide(three, 1.00m);
        var backward = ContributionSplit.Divide([.. three.Reverse()], 1.00m);

        Assert.Equal(forward.OrderBy(s => s.Party).Select(s => s.Amount), backward.OrderBy(s => s.Party).Select(s => s.Amount));
        Assert.Equal(0.34m, forward.Single(s => s.Party == "a").Amount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(0.001)]
    [InlineData(10_000_000_000.01)]
    public void Divide_TotalNotAPositiveAmountInCents_IsRefused(double total)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ContributionSplit.Divide(Groningen, (decimal)total));
    }

    [Fact]
    public void Divide_NoMunicipalities_IsRefused()
    {
        Assert.Throws<InvalidOperationException>(() => ContributionSplit.Divide([], 100m));
    }
}
