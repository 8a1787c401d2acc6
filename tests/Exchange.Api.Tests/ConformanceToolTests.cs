using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Avz.Exchange.Api.Tests;

/// <summary>
/// The gateway judged by tools that know nothing of it: Spectral with the repository's NL API Design Rules ruleset on
/// the document the gateway serves, and openid-client (Node) getting a token with a Development key file exactly as
/// the gateway wrote it. The tools come from tools/node (npm ci --prefix tools/node; .ci/run installs them).
/// </summary>
public sealed class ConformanceToolTests
{
    private static readonly string Tools = Path.Combine(Avz.Testing.RepositoryPaths.Root, "tools", "node");
    private static readonly string Spectral = Path.Combine(Tools, "node_modules", ".bin", "spectral");
    private static readonly string Ruleset = Path.Combine(Tools, "nl-api-design-rules.spectral.yaml");

    [Fact]
    public async Task TheServedDocument_HasNoErrorUnderTheNlApiDesignRules()
    {
        SkipWithoutTools();
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var document = await client.GetStringAsync("/v1/openapi.json", TestContext.Current.CancellationToken);

        var errors = await LintAsync(document);

        Assert.True(errors.Count == 0, string.Join('\n', errors.Select(e => $"{e.Rule} at {e.Path}: {e.Message}")));
    }

    [Fact]
    public async Task TheRuleset_FindsEachBreachItChecks()
    {
        SkipWithoutTools();
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/v1/openapi.json", TestContext.Current.CancellationToken))!;

        // One breach per rule, each in a copy of the served document.
        var paths = document["paths"]!.AsObject();
        var caseGet = paths["/v1/cases/{id}"]!["get"]!;
        document["info"]!.AsObject().Remove("contact");
        document["info"]!["version"] = "1.1";
        paths["/v1/cases/"] = paths["/v1/cases"]!.DeepClone();
        paths["/v1/Case_Files"] = paths["/v1/cases"]!.DeepClone();
        paths["/health"] = paths["/v1/cases"]!.DeepClone();
        caseGet["responses"]!["200"]!["headers"]!.AsObject().Remove("API-Version");
        caseGet["responses"]!["404"]!["content"] = new JsonObject { ["application/json"] = new JsonObject() };
        caseGet["parameters"]!.AsArray().Add(new JsonObject { ["name"] = "bsn", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } });
        paths["/v1/cases/{id}"]!["trace"] = new JsonObject { ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "x" } } };
        paths["/v1/session"]!["get"]!.AsObject().Remove("operationId");

        var fired = (await LintAsync(document.ToJsonString())).Select(e => e.Rule).ToHashSet(StringComparer.Ordinal);

        string[] rules =
        [
            "nlgov-info-contact", "nlgov-semver", "nlgov-no-trailing-slash", "nlgov-kebab-case-paths", "nlgov-uri-major-version",
            "nlgov-version-header", "nlgov-problem-details", "nlgov-no-sensitive-uri-parameters", "nlgov-http-methods", "nlgov-operation-id",
        ];
        Assert.All(rules, rule => Assert.Contains(rule, fired));
    }

    [Fact]
    public async Task OpenIdClient_GetsATokenWithADevelopmentKeyFileAsWritten()
    {
        SkipWithoutTools();
        var scratch = Directory.CreateTempSubdirectory("avz-openid-client-");
        try
        {
            using var gateway = RealGateway.Development(scratch.FullName);
            await gateway.StartAsync();

            var keyFile = Path.Combine(scratch.FullName, ".avz", "dev-clients", "dev-politie.jwk");
            var (exit, output, error) = await RealGateway.RunAsync(scratch.FullName, new Dictionary<string, string>(), "node", Path.Combine(Tools, "token.mjs"), gateway.Http.BaseAddress!.AbsoluteUri, "dev-politie", keyFile);
            Assert.True(exit == 0, error);

            using var session = new HttpRequestMessage(HttpMethod.Get, "/v1/session");
            session.Headers.Authorization = new AuthenticationHeaderValue("Bearer", output.Trim());
            session.Headers.Add("Avz-Actor-Id", "wijkagent-17");
            session.Headers.Add("Avz-Actor-Role", "wijkagent");
            using var answer = await gateway.Http.SendAsync(session, TestContext.Current.CancellationToken);
            var body = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(answer.IsSuccessStatusCode, body);
            Assert.Equal("politie", JsonDocument.Parse(body).RootElement.GetProperty("party").GetString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    private static void SkipWithoutTools() =>
        Assert.SkipUnless(File.Exists(Spectral) && Path.Exists("/usr/bin/node"), "needs Node.js and the conformance tools: apt-get install nodejs npm, then npm ci --prefix tools/node (.ci/run does both)");

    private static async Task<List<(string Rule, string Path, string Message)>> LintAsync(string document)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("avz-spectral-").FullName, "openapi.json");
        await File.WriteAllTextAsync(file, document, TestContext.Current.CancellationToken);
        try
        {
            var (_, output, error) = await RealGateway.RunAsync(Path.GetDirectoryName(file)!, new Dictionary<string, string>(), Spectral, "lint", file, "--ruleset", Ruleset, "--format", "json", "--quiet", "--fail-severity", "error");
            Assert.True(output.TrimStart().StartsWith('['), "spectral printed no report: " + error + output);
            return [.. JsonDocument.Parse(output).RootElement.EnumerateArray()
                .Where(r => r.GetProperty("severity").GetInt32() == 0)
                .Select(r => (r.GetProperty("code").GetString()!, string.Join('.', r.GetProperty("path").EnumerateArray().Select(p => p.ToString())), r.GetProperty("message").GetString()!))];
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
