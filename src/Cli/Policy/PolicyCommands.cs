using System.CommandLine;
using System.Globalization;
using Avz.Policy;
using Avz.Policy.Analysis;
using Avz.Policy.Testing;

namespace Avz.Cli.Policy;

/// <summary><c>avz policy validate | test | diff | explain</c>.</summary>
internal static class PolicyCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var policy = new Command("policy", "Validate, test, compare and explain convenant policies.");
        policy.Subcommands.Add(Validate(output, error));
        policy.Subcommands.Add(Test(output, error));
        policy.Subcommands.Add(Diff(output, error));
        policy.Subcommands.Add(Explain(output, error));
        return policy;
    }

    private static Command Validate(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The policy file (YAML)." };
        var command = new Command("validate", "Check a policy file; print every finding with its code, line and column.") { file };
        command.SetAction(parsed =>
        {
            if (!TryLoad(parsed.GetValue(file)!, output, error, out var result, out var exit))
            {
                return exit;
            }

            var p = result!.Policy!;
            output.WriteLine($"{p.Document.Convenant.Id} version {p.Document.Convenant.Version} is valid: "
                + $"{p.Document.Parties.Count} parties, {p.Document.Purposes.Count} purposes, {p.Document.Categories.Count} categories, {p.Document.Rules.Count} rules.");
            output.WriteLine($"policy version {p.VersionHash}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Test(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The policy test file (*.tests.yaml)." };
        var command = new Command("test", "Run a policy's test cases and report each failure.") { file };
        command.SetAction(parsed =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                error.WriteLine($"avz: no test file at {path.FullName}");
                return ExitCodes.Usage;
            }

            var suite = PolicyTestSuite.Load(path.FullName, out var findings);
            if (suite is null)
            {
                Print(findings, output);
                return ExitCodes.Finding;
            }

            if (!TryLoad(new FileInfo(suite.PolicyPath), output, error, out var loaded, out var exit))
            {
                return exit;
            }

            var results = suite.Run(loaded!.Policy!);
            foreach (var failed in results.Where(r => !r.Passed))
            {
                output.WriteLine($"FAIL {failed.Location}: {failed.Name}");
                foreach (var failure in failed.Failures)
                {
                    output.WriteLine($"     {failure}");
                }
            }

            var failedCount = results.Count(r => !r.Passed);
            output.WriteLine($"{results.Count - failedCount} passed, {failedCount} failed");
            return failedCount == 0 ? ExitCodes.Ok : ExitCodes.Finding;
        });
        return command;
    }

    private static Command Diff(TextWriter output, TextWriter error)
    {
        var before = new Argument<FileInfo>("old") { Description = "The active policy version." };
        var after = new Argument<FileInfo>("new") { Description = "The candidate version." };
        var at = AtOption("The moment both versions are compared at (effective dates). Default: now.");
        var command = new Command("diff", "Show who gains and who loses access to which category or field, per purpose.") { before, after, at };
        command.SetAction(parsed =>
        {
            if (!TryLoad(parsed.GetValue(before)!, output, error, out var a, out var exit)
                || !TryLoad(parsed.GetValue(after)!, output, error, out var b, out exit))
            {
                return exit;
            }

            var changes = PolicyDiff.Compare(a!.Policy!, b!.Policy!, parsed.GetValue(at) ?? DateTimeOffset.UtcNow);
            output.Write(PolicyDiff.Render(changes));
            return changes.Count == 0 ? ExitCodes.Ok : ExitCodes.Finding;
        });
        return command;
    }

    private static Command Explain(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The policy file." };
        var party = new Option<string>("--party") { Description = "The receiving party.", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "The purpose.", Required = true };
        var category = new Option<string>("--category") { Description = "The data category.", Required = true };
        var supplier = new Option<string?>("--supplier") { Description = "The supplying party. Default: every party a rule lets supply the category." };
        var consent = new Option<bool>("--consent") { Description = "Consent is on record." };
        var emergency = new Option<bool>("--emergency") { Description = "An emergency request by the party holding process direction." };
        var at = AtOption("The moment of the request. Default: now.");
        var command = new Command("explain", "Explain, field by field, what a party receives and why.") { file, party, purpose, category, supplier, consent, emergency, at };
        command.SetAction(parsed =>
        {
            if (!TryLoad(parsed.GetValue(file)!, output, error, out var loaded, out var exit))
            {
                return exit;
            }

            var compiled = loaded!.Policy!;
            var request = new DecisionRequest(
                parsed.GetValue(party)!,
                parsed.GetValue(supplier) ?? "",
                parsed.GetValue(purpose)!,
                parsed.GetValue(category)!,
                parsed.GetValue(at) ?? DateTimeOffset.UtcNow,
                parsed.GetValue(consent),
                parsed.GetValue(emergency) ? AccessMode.Emergency : AccessMode.Normal,
                HoldsProcessDirection: parsed.GetValue(emergency));
            var unknown = compiled.Decide(request with { Supplier = request.Recipient }).Status;
            if (unknown is DecisionStatus.UnknownRecipient or DecisionStatus.UnknownPurpose or DecisionStatus.UnknownCategory)
            {
                error.WriteLine($"avz: {Sentence(unknown)}; see 'avz policy validate' for the file's contents.");
                return ExitCodes.Usage;
            }

            output.Write(PolicyExplainer.Explain(compiled, request, allSuppliers: parsed.GetValue(supplier) is null));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Sentence(DecisionStatus status) => status switch
    {
        DecisionStatus.UnknownRecipient => "--party names no party of this convenant",
        DecisionStatus.UnknownPurpose => "--purpose names no purpose of this convenant",
        DecisionStatus.UnknownCategory => "--category names no category of this convenant",
        DecisionStatus.UnknownSupplier => "--supplier names no party of this convenant",
        DecisionStatus.UnknownField => "a field is not part of the category",
        DecisionStatus.Evaluated => "evaluated",
    };

    private static Option<DateTimeOffset?> AtOption(string description) => new("--at")
    {
        Description = description + " A date (yyyy-MM-dd, noon UTC) or an ISO 8601 instant with offset.",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                return instant;
            }

            result.AddError($"--at takes a date (yyyy-MM-dd) or an ISO 8601 instant, not '{text}'.");
            return null;
        },
    };

    internal static bool TryLoad(FileInfo file, TextWriter output, TextWriter error, out PolicyLoadResult? result, out int exit)
    {
        result = null;
        if (!file.Exists)
        {
            error.WriteLine($"avz: no policy file at {file.FullName}");
            exit = ExitCodes.Usage;
            return false;
        }

        result = PolicyLoader.LoadFile(file.FullName);
        if (!result.Succeeded)
        {
            Print(result.Diagnostics, output);
            output.WriteLine($"{file.Name}: {result.Diagnostics.Count} finding(s); the file is refused.");
            exit = ExitCodes.Finding;
            return false;
        }

        exit = ExitCodes.Ok;
        return true;
    }

    private static void Print(IReadOnlyList<PolicyDiagnostic> findings, TextWriter output)
    {
        foreach (var finding in findings)
        {
            output.WriteLine(finding.ToString());
        }
    }
}
