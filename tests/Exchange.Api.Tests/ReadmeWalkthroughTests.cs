using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Avz.Exchange.Api.Tests;

/// <summary>
/// The README's walk-through, run verbatim with bash and curl against the real gateway in Development, started from a
/// fresh folder with <c>ASPNETCORE_URLS</c> on another port: the gateway and <c>avz token</c> both follow the
/// variable, the state goes to the folder's own <c>.avz</c>, and the demo convenant shipped with the gateway is used.
/// Only <c>dotnet run --project src/Cli --</c> is replaced by the built <c>avz.dll</c>, which is what it runs. The
/// client library's sample (<c>samples/PartnerSample</c>) then runs against the same gateway.
/// </summary>
public sealed partial class ReadmeWalkthroughTests
{
    [Fact]
    public async Task TheWalkthrough_RunsAsWritten_OnAnotherPort_FromAFreshFolder()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/curl") && File.Exists("/bin/bash"), "the walk-through needs bash and curl (apt-get install curl; .ci/run installs it)");
        var scratch = Directory.CreateTempSubdirectory("avz-readme-");
        try
        {
            using var gateway = RealGateway.Development(scratch.FullName);
            var address = gateway.Environment["ASPNETCORE_URLS"];
            await gateway.StartAsync();
            Assert.True(File.Exists(Path.Combine(scratch.FullName, ".avz", "dev-clients", "dev-politie.jwk")), "the demo clients are in the fresh folder's .avz");
            using (var live = await gateway.Http.GetAsync(new Uri("health/live", UriKind.Relative), TestContext.Current.CancellationToken))
            {
                // Kestrel itself answers here, not the test server: it names no server software.
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
                Assert.Empty(live.Headers.Server);
            }

            var script = string.Join('\n', Walkthrough()).Replace("dotnet run --project src/Cli --", $"dotnet {Path.Combine(AppContext.BaseDirectory, "avz.dll")}", StringComparison.Ordinal);
            var (exit, output, error) = await RealGateway.RunAsync(scratch.FullName, new Dictionary<string, string> { ["ASPNETCORE_URLS"] = address }, "/bin/bash", "-eo", "pipefail", "-c", script);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(exit == 0, error);

            Assert.Equal("""{"client":"dev-politie","party":"politie","scopes":["exchange"],"actor":"wijkagent-17","role":"wijkagent"}""", lines[0]);
            Assert.Contains("\"party\":\"politie\"", lines[1], StringComparison.Ordinal);
            Assert.Contains("\"incident-type\":\"overlast\"", lines[4], StringComparison.Ordinal);
            Assert.Contains("\"field\":\"incident-summary\",\"reason\":\"not-permitted\"", lines[4], StringComparison.Ordinal);
            Assert.Contains("\"subject\":\"111222333\",\"reason\":null", lines[5], StringComparison.Ordinal);

            // The administrators' part: the review, the refused self-approval, the approval, the activation, and the
            // next request decided with the new version.
            Assert.Contains("\"impact\":{", lines[6], StringComparison.Ordinal);
            Assert.Contains("\"recipient\":\"gem-groningen\",\"category\":\"police-registrations\",\"fields\":[\"incident-type\",\"registered-on\"]", lines[6], StringComparison.Ordinal);
            Assert.Contains("AVZ-ADMIN-0004", lines[7], StringComparison.Ordinal);
            Assert.Contains("\"state\":\"approved\"", lines[8], StringComparison.Ordinal);
            Assert.Contains("\"state\":\"active\"", lines[9], StringComparison.Ordinal);
            Assert.Contains("\"field\":\"incident-type\",\"reason\":\"not-permitted\"", lines[10], StringComparison.Ordinal);
            Assert.Equal(11, lines.Length);

            // The client library's sample runs against the same gateway as its header says, and proves its access.
            var sample = await RealGateway.RunAsync(scratch.FullName, new Dictionary<string, string>(), "dotnet", Path.Combine(AppContext.BaseDirectory, "partner-sample.dll"), address + "/", "dev-gem-groningen", ".avz/dev-clients/dev-gem-groningen.jwk");
            Assert.True(sample.Exit == 0, sample.Error);
            var report = sample.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("identity from gem-groningen: date-of-birth, surname", report[0]);
            Assert.Matches("^case [0-9a-f-]{36}: entry [0-9]+ verified in a tree of [0-9]+$", report[^1]);
            Assert.Single(Directory.GetFiles(scratch.FullName, "receipt-*.json"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>The shell blocks of the README's "Run it" section after the first (which starts the gateway).</summary>
    private static IEnumerable<string> Walkthrough()
    {
        var readme = File.ReadAllText(Path.Combine(Avz.Testing.RepositoryPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("## Run it", StringComparison.Ordinal)..readme.IndexOf("## Configure it", StringComparison.Ordinal)];
        var blocks = ShellBlock().Matches(section).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("dotnet run --project src/Exchange.Api\n", blocks[0]);
        return blocks.Skip(1);
    }

    [GeneratedRegex("```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
