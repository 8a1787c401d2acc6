using System.Globalization;

namespace Avz.Cli.Tests;

public sealed class ContributionsCommandTests
{
    private static readonly string Demo = Path.Combine(Avz.Testing.RepositoryPaths.Root, "policies", "avz-groningen.yaml");

    [Fact]
    public void Contributions_IncidentalClaim_PrintsTenCentsPerInhabitantOfTheDemoConvenant()
    {
        var (exit, output, _) = Run("contributions", "--total", "58358.50", "--year", "2018", "--policy", Demo, "--csv");

        Assert.Equal(0, exit);
        var rows = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)
            .Select(line => line.Split(','))
            .Select(cells => (Population: int.Parse(cells[^2], CultureInfo.InvariantCulture), Amount: decimal.Parse(cells[^1], CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(12, rows.Count);
        Assert.All(rows, r => Assert.Equal(r.Population * 0.10m, r.Amount));
        Assert.Equal(58_358.50m, rows.Sum(r => r.Amount));
    }

    [Fact]
    public void Contributions_Table_NamesTheYearConvenantAndTotal()
    {
        var (exit, output, _) = Run("contributions", "--total", "139000", "--year", "2019", "--policy", Demo);

        Assert.Equal(0, exit);
        Assert.StartsWith("Contributions 2019 to avz-groningen: EUR 139,000.00 over 583,585 inhabitants of 12 municipalities", output, StringComparison.Ordinal);
        Assert.Matches(@"total\s+583,585\s+139,000\.00", output);
    }

    [Theory]
    [InlineData("58.358,50")]
    [InlineData("-5")]
    [InlineData("0.001")]
    [InlineData("lots")]
    public void Contributions_TotalNotAnAmount_ExitsTwo_AndSaysHowToWriteIt(string total)
    {
        var (exit, _, error) = Run("contributions", "--total", total, "--year", "2019", "--policy", Demo);

        Assert.Equal(2, exit);
        Assert.Contains("--total takes a positive amount in euros", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Contributions_MunicipalityWithoutPopulation_ExitsOne_WithThePolicyFinding()
    {
        var folder = Directory.CreateTempSubdirectory("avz-cli-");
        try
        {
            var path = Path.Combine(folder.FullName, "no-population.yaml");
            File.WriteAllText(path, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Demo), @", population: \d+", string.Empty));

            var (exit, output, _) = Run("contributions", "--total", "1000", "--year", "2019", "--policy", path);

            Assert.Equal(1, exit);
            Assert.Contains("AVZ-POLICY-0016: Municipality 'gem-appingedam' needs its 'population'", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = AvzCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
