using System.CommandLine;
using System.Globalization;
using Avz.Cli.Policy;
using Avz.Exchange.House;

namespace Avz.Cli.House;

/// <summary><c>avz contributions --total EUR --year Y</c>: the municipalities' shares of a budget, by population.</summary>
internal static class ContributionsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var total = new Option<decimal>("--total")
        {
            Description = "The budget in euros, with a point for the cents (139000 or 58358.50).",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                    && amount > 0 && amount <= ContributionSplit.MaximumTotal && decimal.Round(amount, 2) == amount)
                {
                    return amount;
                }

                result.AddError($"--total takes a positive amount in euros with at most two decimals after a point (58358.50), not '{text}'.");
                return 0;
            },
        };
        var year = new Option<int>("--year") { Description = "The budget year the split is for; printed with it.", Required = true };
        var policy = new Option<FileInfo?>("--policy")
        {
            Description = "The convenant policy whose municipalities and populations are the key. Default: the one policy file in ./policies.",
        };
        var csv = new Option<bool>("--csv") { Description = "Print CSV (party,name,population,amount) instead of a table." };
        var command = new Command("contributions", "Divide a budget over the convenant's municipalities by population, to the cent (largest remainder).")
        {
            total, year, policy, csv,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(year) is < 1900 or > 2200)
            {
                result.AddError("--year takes a year such as 2019.");
            }
        });
        command.SetAction(parsed =>
        {
            var file = parsed.GetValue(policy) ?? OnlyPolicyFile(error);
            if (file is null)
            {
                return ExitCodes.Usage;
            }

            if (!PolicyCommands.TryLoad(file, output, error, out var loaded, out var exit))
            {
                return exit;
            }

            var compiled = loaded!.Policy!;
            IReadOnlyList<Contribution> shares;
            try
            {
                shares = ContributionSplit.Divide(compiled, parsed.GetValue(total));
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"avz: {e.Message}");
                return ExitCodes.Finding;
            }

            if (parsed.GetValue(csv))
            {
                WriteCsv(shares, output);
            }
            else
            {
                WriteTable(shares, compiled.ConvenantId, parsed.GetValue(year), output);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static FileInfo? OnlyPolicyFile(TextWriter error)
    {
        var folder = new DirectoryInfo("policies");
        var files = folder.Exists
            ? folder.GetFiles("*.yaml").Where(f => !f.Name.EndsWith(".tests.yaml", StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
        if (files.Count == 1)
        {
            return files[0];
        }

        error.WriteLine(files.Count == 0
            ? "avz: no policy file in ./policies; name one with --policy FILE."
            : $"avz: ./policies holds {files.Count} policy files; name one with --policy FILE.");
        return null;
    }

    private static void WriteTable(IReadOnlyList<Contribution> shares, string convenant, int year, TextWriter output)
    {
        var inhabitants = shares.Sum(s => (long)s.Population);
        var sum = shares.Sum(s => s.Amount);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Contributions {year} to {convenant}: EUR {sum:N2} over {inhabitants:N0} inhabitants of {shares.Count} municipalities"));
        var width = Math.Max("municipality".Length, shares.Max(s => s.Name.Length));
        output.WriteLine($"{"municipality".PadRight(width)}  {"inhabitants",11}  {"EUR",14}");
        foreach (var share in shares)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{share.Name.PadRight(width)}  {share.Population,11:N0}  {share.Amount,14:N2}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"total".PadRight(width)}  {inhabitants,11:N0}  {sum,14:N2}"));
    }

    private static void WriteCsv(IReadOnlyList<Contribution> shares, TextWriter output)
    {
        output.WriteLine("party,name,population,amount");
        foreach (var share in shares)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{share.Party},\"{share.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{share.Population},{share.Amount:0.00}"));
        }
    }
}
