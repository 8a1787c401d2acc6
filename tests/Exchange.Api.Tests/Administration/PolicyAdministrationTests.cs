using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Avz.Audit;
using Avz.Exchange.Api.Tests.Cases;
using Avz.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Administration;

/// <summary>
/// Administrators over HTTP with real tokens: a policy version is validated, diffed against the active one with its
/// impact on today's cases, approved by a second administrator, activated, and decides the next request; rollback
/// activates the older hash. On SQLite and on a real PostgreSQL.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PolicyAdministrationTests(PostgresServer postgres)
{
    private const string Versions = "/v1/policies/avz-groningen/versions";

    /// <summary>The rule the change removes: municipalities no longer receive the police's incident type and date.</summary>
    private const string PoliceToMunicipalities = """
          - id: pd-police-municipality
            purpose: process-direction
            category: police-registrations
            suppliers: [politie]
            recipients: [kind:municipality]
            fields: [incident-type, registered-on]
            ground: "AVG art. 10; UAVG art. 33; Wet politiegegevens art. 20"

        """;

    /// <summary>The rule the change adds: the police receive whether the person is in treatment, and where.</summary>
    private const string HealthSummaryToPolice = """
          - id: pd-health-police
            purpose: process-direction
            category: health-care
            suppliers: [lentis]
            recipients: [politie]
            fields: [care-provider, in-treatment]
            ground: "AVG art. 9(2)(g); UAVG art. 23(1)(b) (WGS)"

        """;

    public static TheoryData<string> Providers() => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AChangedPolicy_IsDiffedApprovedByASecondAdministratorActivated_AndDecidesTheNextRequest(string provider)
    {
        await using var factory = new GatewayFactory(Settings(provider));
        using var client = factory.CreateClient();
        var log = factory.Services.GetRequiredService<AccessLog>();
        var (gemeente, politie, path) = await OpenCaseAsync(factory, client);
        var first = await PartnerSystem.AdministratorAsync(factory, client, "beheer-1", "avz", "beheerder-1");
        var second = await PartnerSystem.AdministratorAsync(factory, client, "beheer-2", "avz", "beheerder-2");
        var seeded = Assert.Single((await first.JsonAsync(await first.GetAsync(Versions), HttpStatusCode.OK)).EnumerateArray());
        var seedHash = seeded.GetProperty("hash").GetString()!;
        Assert.Equal("active", seeded.GetProperty("state").GetString());
        Assert.Equal("seed", seeded.GetProperty("origin").GetString());

        // A policy with an error: every finding with its line and column, and nothing stored or logged.
        var sizeBefore = log.Size;
        var broken = Policy().Replace("    category: police-registrations\n    suppliers: [politie]\n    recipients: [kind:municipality]", "    category: police-reports\n    suppliers: [politie]\n    recipients: [kind:municipality]", StringComparison.Ordinal);
        var refused = await UploadAsync(first, broken);
        await PartnerSystem.AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "AVZ-ADMIN-0006");
        var finding = Assert.Single(JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("findings").EnumerateArray());
        var brokenRule = broken.Split('\n').Select((line, i) => (line, i)).First(l => l.line.Contains("id: pd-police-municipality", StringComparison.Ordinal)).i + 1;
        Assert.Equal((brokenRule, 5), (finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32()));
        Assert.Contains("police-reports", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("AVZ-POLICY-", finding.GetProperty("code").GetString(), StringComparison.Ordinal);
        Assert.Single((await first.JsonAsync(await first.GetAsync(Versions), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(sizeBefore, log.Size);

        // A valid change: one rule removed, one added. The diff and the impact on the open case say what it does.
        var uploaded = await first.JsonAsync(await UploadAsync(first, Changed()), HttpStatusCode.Created);
        var version = uploaded.GetProperty("version");
        var hash = version.GetProperty("hash").GetString()!;
        Assert.Matches("^sha256:[0-9a-f]{64}$", hash);
        Assert.NotEqual(seedHash, hash);
        Assert.Equal("awaiting-approval", version.GetProperty("state").GetString());
        Assert.Equal("2026.2", version.GetProperty("label").GetString());
        var diff = uploaded.GetProperty("diff");
        Assert.Equal(seedHash, diff.GetProperty("against").GetString());
        var lines = diff.GetProperty("changes").EnumerateArray().ToList();
        var gained = Assert.Single(lines, l => l.GetProperty("recipient").GetString() == "politie");
        Assert.Equal(("health-care", "none", "granted"), (gained.GetProperty("category").GetString(), gained.GetProperty("before").GetString(), gained.GetProperty("after").GetString()));
        Assert.Equal(["care-provider", "in-treatment"], Strings(gained.GetProperty("fields")));
        Assert.Equal(["lentis"], Strings(gained.GetProperty("suppliers")));
        var lost = lines.Where(l => l.GetProperty("before").GetString() == "granted" && l.GetProperty("after").GetString() == "none").ToList();
        Assert.Equal(12, lost.Count);
        Assert.All(lost, l => Assert.Equal(["incident-type", "registered-on"], Strings(l.GetProperty("fields"))));
        Assert.Contains(lost, l => l.GetProperty("recipient").GetString() == "gem-groningen");
        Assert.Equal(2 + (12 * 2), diff.GetProperty("cells").GetInt32());
        Assert.Equal(2, diff.GetProperty("gains").GetInt32());

        var impact = uploaded.GetProperty("impact");
        Assert.Equal(1, impact.GetProperty("openCases").GetInt32());
        Assert.Equal(2, impact.GetProperty("storedItems").GetInt32());
        var rows = impact.GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("party").GetString(), r.GetProperty("category").GetString(), r.GetProperty("newlySee").GetInt32(), r.GetProperty("stopSeeing").GetInt32()))
            .ToList();
        Assert.Equal([("gem-groningen", "police-registrations", 0, 2), ("politie", "health-care", 2, 0)], rows);
        var uploadEntry = Entry(log, first.Logged[^1].Index);
        Assert.Equal(("policy.upload", "permitted", hash, "beheerder-1"), (Text(uploadEntry, "action"), Text(uploadEntry, "decision"), Text(uploadEntry, "policyVersion"), Text(uploadEntry, "actor")));

        // The same content again is the same version: 200, one version more in all.
        var again = await first.JsonAsync(await UploadAsync(first, Changed()), HttpStatusCode.OK);
        Assert.Equal(hash, again.GetProperty("version").GetProperty("hash").GetString());
        Assert.Equal(2, (await first.JsonAsync(await first.GetAsync(Versions), HttpStatusCode.OK)).GetArrayLength());

        // Four eyes: the uploader can neither approve it nor activate it before another administrator approves.
        await PartnerSystem.AssertProblemAsync(await first.PostAsync($"{Versions}/{hash}/approve", new { }), HttpStatusCode.Forbidden, "AVZ-ADMIN-0004");
        var selfApproval = Entry(log, first.Logged[^1].Index);
        Assert.Equal(("policy.approve", "refused", "same-administrator", hash), (Text(selfApproval, "action"), Text(selfApproval, "decision"), selfApproval.GetProperty("reasons")[0].GetString(), Text(selfApproval, "policyVersion")));
        await PartnerSystem.AssertProblemAsync(await first.PostAsync($"{Versions}/{hash}/activate", new { }), HttpStatusCode.Conflict, "AVZ-ADMIN-0005");
        Assert.Equal("not-approved", Entry(log, first.Logged[^1].Index).GetProperty("reasons")[0].GetString());
        Assert.Equal(seedHash, await ActiveHashAsync(client));

        // The second administrator reads what it approves (diff and impact), and approves; the first activates.
        var review = await second.JsonAsync(await second.GetAsync($"{Versions}/{hash}"), HttpStatusCode.OK);
        Assert.Equal(uploaded.GetProperty("diff").GetRawText(), review.GetProperty("diff").GetRawText());
        var approved = await second.JsonAsync(await second.PostAsync($"{Versions}/{hash}/approve", new { }), HttpStatusCode.OK);
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        Assert.Equal("beheer-2", approved.GetProperty("approvedBy").GetProperty("client").GetString());
        Assert.Equal(("policy.approve", "permitted", hash), (Text(Entry(log, second.Logged[^1].Index), "action"), Text(Entry(log, second.Logged[^1].Index), "decision"), Text(Entry(log, second.Logged[^1].Index), "policyVersion")));
        var activated = await first.JsonAsync(await first.PostAsync($"{Versions}/{hash}/activate", new { }), HttpStatusCode.OK);
        Assert.Equal("active", activated.GetProperty("state").GetString());
        var activation = Entry(log, first.Logged[^1].Index);
        Assert.Equal(("policy.activate", "permitted", hash, "avz-groningen"), (Text(activation, "action"), Text(activation, "decision"), Text(activation, "policyVersion"), Text(activation, "convenant")));
        Assert.Equal(hash, await ActiveHashAsync(client));

        // The next request is decided with the new version: the police see the health summary, the municipality no
        // longer sees the police's registration.
        var seenByPolitie = await politie.JsonAsync(await politie.GetAsync(path + "/information"), HttpStatusCode.OK);
        Assert.Contains(seenByPolitie.GetProperty("items").EnumerateArray(), i => i.GetProperty("category").GetString() == "health-care");
        Assert.Equal(hash, Text(Entry(log, politie.Logged[^1].Index), "policyVersion"));
        var seenByGemeente = await gemeente.JsonAsync(await gemeente.GetAsync(path + "/information"), HttpStatusCode.OK);
        Assert.DoesNotContain(seenByGemeente.GetProperty("items").EnumerateArray(), i => i.GetProperty("category").GetString() == "police-registrations");

        // Rollback: activating the older version, which was active before.
        Assert.Equal("active", (await second.JsonAsync(await second.PostAsync($"{Versions}/{seedHash}/activate", new { }), HttpStatusCode.OK)).GetProperty("state").GetString());
        Assert.Equal(seedHash, await ActiveHashAsync(client));
        await politie.JsonAsync(await politie.GetAsync(path + "/information"), HttpStatusCode.OK);
        Assert.Equal(seedHash, Text(Entry(log, politie.Logged[^1].Index), "policyVersion"));
        var states = (await first.JsonAsync(await first.GetAsync(Versions), HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(v => v.GetProperty("hash").GetString()!, v => v.GetProperty("state").GetString());
        Assert.Equal("active", states[seedHash]);
        Assert.Equal("approved", states[hash]);

        // The stored text is served back as it was uploaded.
        var source = await first.GetAsync($"{Versions}/{hash}/source");
        Assert.Equal(HttpStatusCode.OK, source.StatusCode);
        Assert.Equal("application/yaml", source.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Changed(), await source.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TwoNodesOnOnePostgres_TheSecondDecidesWithTheNewVersion_WithinSecondsOfItsActivationOnTheFirst()
    {
        var settings = Settings("Postgres");
        await using var first = new GatewayFactory(settings);
        using var toFirst = first.CreateClient();
        await using var second = new GatewayFactory(settings);

        // One log, one signing key, one key-encryption key: what a deployment's nodes share.
        foreach (var file in (string[])["audit-signing.key", "kek.json"])
        {
            File.Copy(Path.Combine(first.DataDirectory, file), Path.Combine(second.DataDirectory, file));
        }

        using var toSecond = second.CreateClient();
        var (_, _, path) = await OpenCaseAsync(first, toFirst);
        var politie = await PartnerSystem.RegisterAsync(second, toSecond, "politie", "wijkagent-17", "wijkagent");
        var seedHash = await ActiveHashAsync(toSecond);
        var uploader = await PartnerSystem.AdministratorAsync(first, toFirst, "beheer-1", "avz", "beheerder-1");
        var approver = await PartnerSystem.AdministratorAsync(first, toFirst, "beheer-2", "avz", "beheerder-2");
        var hash = (await uploader.JsonAsync(await UploadAsync(uploader, Changed()), HttpStatusCode.Created)).GetProperty("version").GetProperty("hash").GetString()!;
        await approver.JsonAsync(await approver.PostAsync($"{Versions}/{hash}/approve", new { }), HttpStatusCode.OK);
        Assert.Equal(seedHash, await ActiveHashAsync(toSecond));

        await uploader.JsonAsync(await uploader.PostAsync($"{Versions}/{hash}/activate", new { }), HttpStatusCode.OK);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await ActiveHashAsync(toSecond) != hash)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the second node did not take the activated version within 10 s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"the second node decided with the new version {clock.ElapsedMilliseconds} ms after the activation on the first");
        var seen = await politie.JsonAsync(await politie.GetAsync(path + "/information"), HttpStatusCode.OK);
        Assert.Contains(seen.GetProperty("items").EnumerateArray(), i => i.GetProperty("category").GetString() == "health-care");
        Assert.Equal(hash, Text(Entry(second.Services.GetRequiredService<AccessLog>(), politie.Logged[^1].Index), "policyVersion"));
    }

    [Fact]
    public async Task SeparationOfDuties_PartnerAndPrivacyOfficerTokensReachNoAdministration_AndAnAdministratorNoOversight_EachRefusalLogged()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var log = factory.Services.GetRequiredService<AccessLog>();
        var partner = await PartnerSystem.RegisterAsync(factory, client, "politie", "wijkagent-17", "wijkagent");
        var officer = await PartnerSystem.PrivacyOfficerAsync(factory, client, "avz", "fg-1");
        var administrator = await PartnerSystem.AdministratorAsync(factory, client, "beheer-1", "avz", "beheerder-1");

        foreach (var (caller, method, path, operation) in new[]
        {
            (partner, HttpMethod.Post, Versions, "UploadPolicyVersion"),
            (partner, HttpMethod.Get, "/v1/clients", "ListClients"),
            (officer, HttpMethod.Post, "/v1/clients", "RegisterClient"),
            (officer, HttpMethod.Get, Versions, "ListPolicyVersions"),
            (administrator, HttpMethod.Get, "/v1/audit/search", "SearchAccessLog"),
            (administrator, HttpMethod.Post, "/v1/audit/subject-report", "MakeSubjectReport"),
        })
        {
            var response = method == HttpMethod.Get ? await caller.GetAsync(path)
                : path == Versions ? await UploadAsync(caller, Policy())
                : await caller.SendContentAsync(method, path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var entry = Entry(log, caller.Logged[^1].Index);
            Assert.Equal(("access.refused", "scope-missing", operation), (Text(entry, "action"), entry.GetProperty("reasons")[0].GetString(), Text(entry, "operation")));
        }
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesEveryAdministrationOperation_WithItsScopeAndProblems()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;
        foreach (var (path, method, id, problems) in new[]
        {
            (Versions.Replace("avz-groningen", "{convenant}", StringComparison.Ordinal), "get", "ListPolicyVersions", new[] { "401", "403", "404" }),
            (Versions.Replace("avz-groningen", "{convenant}", StringComparison.Ordinal), "post", "UploadPolicyVersion", ["400", "401", "403", "404", "415", "422"]),
            ("/v1/policies/{convenant}/versions/{hash}", "get", "GetPolicyVersion", ["401", "403", "404"]),
            ("/v1/policies/{convenant}/versions/{hash}/source", "get", "GetPolicyVersionSource", ["401", "403", "404"]),
            ("/v1/policies/{convenant}/versions/{hash}/approve", "post", "ApprovePolicyVersion", ["401", "403", "404"]),
            ("/v1/policies/{convenant}/versions/{hash}/activate", "post", "ActivatePolicyVersion", ["401", "403", "404", "409"]),
            ("/v1/clients", "get", "ListClients", ["401", "403"]),
            ("/v1/clients", "post", "RegisterClient", ["400", "401", "403", "409"]),
            ("/v1/clients/{clientId}/disable", "post", "DisableClient", ["401", "403", "404"]),
        })
        {
            var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
            Assert.Equal(id, operation.GetProperty("operationId").GetString());
            Assert.Equal("policy-admin", operation.GetProperty("security")[0].GetProperty("partner-oauth2")[0].GetString());
            Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Avz-Actor-Id");
            foreach (var status in problems)
            {
                Assert.True(operation.GetProperty("responses").GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{id} {status}");
            }
        }

        var upload = document.GetProperty("paths").GetProperty("/v1/policies/{convenant}/versions").GetProperty("post");
        Assert.True(upload.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/yaml", out _));
        var findings = upload.GetProperty("responses").GetProperty("422").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString()!;
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty(findings.Split('/')[^1]);
        Assert.True(schema.GetProperty("properties").TryGetProperty("findings", out _));
        Assert.True(schema.GetProperty("properties").TryGetProperty("code", out _));
    }

    [Fact]
    public async Task AClientHoldingBothAuditAndPolicyAdmin_IsRefused()
    {
        await using var factory = new GatewayFactory();
        var (_, keys) = Avz.Identity.ClientAssertions.NewKeyPair("k");
        var refusal = await Assert.ThrowsAsync<ArgumentException>(() => Partners.RegisterAsync(factory, "fg-en-beheer", "avz", keys, "audit", "policy-admin"));
        Assert.Contains("separate duties", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUploadThatIsNotYaml_Or_NamesAnotherConvenant_IsRefused_AndStoresNothing()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var administrator = await PartnerSystem.AdministratorAsync(factory, client, "beheer-1", "avz", "beheerder-1");

        await PartnerSystem.AssertProblemAsync(
            await administrator.SendContentAsync(HttpMethod.Post, Versions, new StringContent(Policy(), System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.UnsupportedMediaType,
            "AVZ-HTTP-0415");
        await PartnerSystem.AssertProblemAsync(
            await administrator.SendContentAsync(HttpMethod.Post, Versions, new ByteArrayContent([0x63, 0xff, 0xfe]) { Headers = { ContentType = new MediaTypeHeaderValue("application/yaml") } }),
            HttpStatusCode.BadRequest,
            "AVZ-ADMIN-0007");
        await PartnerSystem.AssertProblemAsync(await UploadAsync(administrator, Policy(), "/v1/policies/elders/versions"), HttpStatusCode.BadRequest, "AVZ-ADMIN-0001");
        await PartnerSystem.AssertProblemAsync(await administrator.PostAsync($"{Versions}/sha256:{new string('0', 64)}/approve", new { }), HttpStatusCode.NotFound, "AVZ-ADMIN-0003");
        await PartnerSystem.AssertProblemAsync(await administrator.GetAsync("/v1/policies/elders/versions"), HttpStatusCode.NotFound, "AVZ-ADMIN-0002");
        Assert.Single((await administrator.JsonAsync(await administrator.GetAsync(Versions), HttpStatusCode.OK)).EnumerateArray());
        Assert.Empty(administrator.Logged);
    }

    /// <summary>Settings for the case database and the access log on the provider.</summary>
    internal static Dictionary<string, string?> Settings(PostgresServer postgres, string provider) => provider == "Postgres"
        ? new()
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = postgres.CreateDatabase(),
            ["Audit:Store"] = "Postgres",
            ["Audit:ConnectionString"] = postgres.CreateDatabase(),
        }
        : [];

    private Dictionary<string, string?> Settings(string provider) => Settings(postgres, provider);

    /// <summary>The demo convenant as the repository holds it.</summary>
    internal static string Policy() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "policies", "avz-groningen.yaml"));

    /// <summary>The demo convenant with one rule removed and one added, as version 2026.2.</summary>
    internal static string Changed()
    {
        var policy = Policy();
        Assert.Contains(PoliceToMunicipalities, policy, StringComparison.Ordinal);
        return policy
            .Replace("version: \"2026.1\"", "version: \"2026.2\"", StringComparison.Ordinal)
            .Replace(PoliceToMunicipalities, HealthSummaryToPolice, StringComparison.Ordinal);
    }

    internal static Task<HttpResponseMessage> UploadAsync(PartnerSystem administrator, string yaml, string path = Versions)
    {
        var content = new StringContent(yaml, System.Text.Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/yaml");
        return administrator.SendContentAsync(HttpMethod.Post, path, content);
    }

    /// <summary>The version hash the node reports for the demo convenant.</summary>
    internal static async Task<string> ActiveHashAsync(HttpClient client)
    {
        var policies = JsonDocument.Parse(await client.GetStringAsync("/v1/policies", TestContext.Current.CancellationToken)).RootElement;
        return policies.EnumerateArray().Single(p => p.GetProperty("convenant").GetString() == "avz-groningen").GetProperty("versionHash").GetString()!;
    }

    /// <summary>A case of the municipality with the police and Lentis taking part, each having supplied an item.</summary>
    internal static async Task<(PartnerSystem Gemeente, PartnerSystem Politie, string Path)> OpenCaseAsync(GatewayFactory factory, HttpClient client)
    {
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "casemanager-12", "casemanager");
        var house = await PartnerSystem.RegisterAsync(factory, client, "avz", "procesregisseur-3", "procesregisseur");
        var politie = await PartnerSystem.RegisterAsync(factory, client, "politie", "wijkagent-17", "wijkagent");
        var lentis = await PartnerSystem.RegisterAsync(factory, client, "lentis", "psychiater-8", "behandelaar");
        var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen over woonsituatie" }), HttpStatusCode.Created);
        var path = "/v1/cases/" + registered.GetProperty("id").GetString();
        await house.JsonAsync(await house.PostAsync(path + "/participants", new { party = "politie" }), HttpStatusCode.OK);
        await house.JsonAsync(await house.PostAsync(path + "/participants", new { party = "lentis" }), HttpStatusCode.OK);
        await politie.JsonAsync(await politie.PostAsync(path + "/information", new { category = "police-registrations", fields = new Dictionary<string, object> { ["incident-type"] = "overlast", ["registered-on"] = "2026-11-20" } }), HttpStatusCode.Created);
        await lentis.JsonAsync(await lentis.PostAsync(path + "/information", new { category = "health-care", fields = new Dictionary<string, object> { ["care-provider"] = "Lentis FACT-team Noord", ["in-treatment"] = true } }), HttpStatusCode.Created);
        return (gemeente, politie, path);
    }

    internal static JsonElement Entry(AccessLog log, long index) => JsonDocument.Parse(log.ReadLeaf(index)!).RootElement.Clone();

    internal static string? Text(JsonElement entry, string member) => entry.TryGetProperty(member, out var value) ? value.GetString() : null;

    private static List<string?> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString())];
}
