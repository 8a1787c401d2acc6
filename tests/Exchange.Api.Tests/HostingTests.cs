using System.Net;
using System.Text.Json;
using Avz.Audit.Notes;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests;

public sealed class HostingTests : GatewayTest
{
    [Fact]
    public async Task Health_IsLive_AndReadyWithTheAccessLogAndPolicies()
    {
        var live = await Client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        var ready = await Client.GetAsync("/health/ready", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("access-log").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("policies").GetProperty("status").GetString());
    }

    [Fact]
    public async Task UnknownPath_IsAProblemWithAStableCode_AndCarriesTheTransactionId()
    {
        var response = await Client.GetAsync("/v1/nothing-here", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("AVZ-HTTP-0404", problem.GetProperty("code").GetString());
        var transaction = Assert.Single(response.Headers.GetValues("Avz-Transaction-Id"));
        Assert.True(Guid.TryParse(transaction, out _));
        Assert.Equal(transaction, problem.GetProperty("transactionId").GetString());
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task ACallersTraceContext_IsContinued_WithNoTelemetryExporterConfigured()
    {
        // W3C Trace Context: the trace id of the caller's traceparent is the call's, in problems as in access-log entries.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/nothing-here");
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task EveryResponse_CarriesSecurityHeaders()
    {
        var response = await Client.GetAsync("/v1/policies", TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0b8f3f4e-5c1a-4a77-9a55-2f1c1f1e7a10", true)]
    [InlineData("not-a-uuid; <script>", false)]
    public async Task TransactionId_FromTheCaller_IsKeptOnlyWhenItIsAUuid(string given, bool kept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("Avz-Transaction-Id", given);

        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        var returned = Assert.Single(response.Headers.GetValues("Avz-Transaction-Id"));
        Assert.Equal(kept, returned == given);
        Assert.True(Guid.TryParse(returned, out _));
    }

    [Fact]
    public async Task AuditKey_IsTheLogsVerifierKey_AndTheFirstEntryIsThePolicySeed()
    {
        var key = (await Client.GetStringAsync("/v1/audit/key", TestContext.Current.CancellationToken)).Trim();

        Assert.Equal("test.avz/access-log", NoteVerifier.Parse(key).Name);
        Assert.True(File.Exists(Path.Combine(Factory.DataDirectory, "audit-signing.key")));

        // A fresh database: the policy file became the convenant's first stored version, and the log says so.
        var log = Factory.Services.GetRequiredService<Avz.Audit.AccessLog>();
        var seed = JsonDocument.Parse(log.ReadLeaf(0)!).RootElement;
        var active = JsonDocument.Parse(await Client.GetStringAsync("/v1/policies", TestContext.Current.CancellationToken)).RootElement[0];
        Assert.Equal("policy.seed", seed.GetProperty("action").GetString());
        Assert.Equal("avz-exchange", seed.GetProperty("party").GetString());
        Assert.Equal(active.GetProperty("versionHash").GetString(), seed.GetProperty("policyVersion").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpoints()
    {
        var document = JsonDocument.Parse(await Client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Contains("/v1/policies", paths);
        Assert.Contains("/v1/audit/key", paths);
        Assert.Contains("/v1/audit/checkpoint", paths);
        Assert.Contains("/v1/session", paths);
        Assert.Contains("/connect/token", paths);
        var token = document.GetProperty("paths").GetProperty("/connect/token").GetProperty("post");
        Assert.True(token.GetProperty("requestBody").GetProperty("content").GetProperty("application/x-www-form-urlencoded").GetProperty("schema").GetProperty("properties").TryGetProperty("client_assertion", out _));

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("partner-oauth2");
        Assert.Equal("oauth2", scheme.GetProperty("type").GetString());
        var flow = scheme.GetProperty("flows").GetProperty("clientCredentials");
        Assert.Equal("/connect/token", flow.GetProperty("tokenUrl").GetString());
        Assert.True(flow.GetProperty("scopes").TryGetProperty("exchange", out _));

        var session = document.GetProperty("paths").GetProperty("/v1/session").GetProperty("get");
        var requirement = Assert.Single(session.GetProperty("security").EnumerateArray());
        Assert.Equal("exchange", Assert.Single(requirement.GetProperty("partner-oauth2").EnumerateArray()).GetString());
        foreach (var status in (string[])["400", "401", "429"])
        {
            Assert.True(session.GetProperty("responses").GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), status);
        }

        var policies = document.GetProperty("paths").GetProperty("/v1/policies").GetProperty("get");
        Assert.False(policies.TryGetProperty("security", out _));

        // Every case operation: the exchange scope and coded problems for bad input, no token, no access, the log down.
        var caseOperations = document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/v1/cases", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Operation: o.Value))).ToList();
        Assert.True(caseOperations.Count >= 12, $"{caseOperations.Count} case operations");
        foreach (var (path, operation) in caseOperations)
        {
            var scopes = Assert.Single(operation.GetProperty("security").EnumerateArray()).GetProperty("partner-oauth2").EnumerateArray().Select(e => e.GetString());
            Assert.Equal(["exchange"], scopes);
            foreach (var status in (string[])["400", "401", "403", "503"])
            {
                Assert.True(operation.GetProperty("responses").GetProperty(status).GetProperty("content").TryGetProperty("application/problem+json", out _), $"{path} {status}");
            }

            // Issue 11: generated clients failed every case call without the actor headers in the document.
            var headers = operation.GetProperty("parameters").EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header")
                .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.TryGetProperty("required", out var required) && required.GetBoolean());
            Assert.Equal(new Dictionary<string, bool> { ["Avz-Actor-Id"] = true, ["Avz-Actor-Role"] = true, ["Avz-On-Behalf-Of"] = false }, headers);
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                Assert.True(response.Value.GetProperty("headers").TryGetProperty("Avz-Transaction-Id", out _), $"{path} {response.Name}");
                Assert.True(response.Value.GetProperty("headers").TryGetProperty("Avz-Log-Index", out _), $"{path} {response.Name}");
            }
        }

        // The problem schema names the members clients act on; members the gateway treats as optional are optional.
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var problem = schemas.EnumerateObject().First(s => s.Name.Contains("ProblemDetails", StringComparison.Ordinal)).Value;
        foreach (var member in (string[])["code", "traceId", "transactionId"])
        {
            Assert.True(problem.GetProperty("properties").TryGetProperty(member, out _), member);
        }

        Assert.DoesNotContain("purpose", schemas.GetProperty("RecordConsent").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("category", schemas.GetProperty("EmergencyRequest").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        foreach (var (path, type) in (ValueTuple<string, string>[])[("/v1/audit/key", "text/plain"), ("/v1/audit/checkpoint", "text/plain"), ("/v1/audit/tile/{level}/{path}", "application/octet-stream")])
        {
            Assert.True(document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty(type, out _), path);
        }

        // Own entries: exchange or audit, as two alternatives; proofs are public.
        var entry = document.GetProperty("paths").GetProperty("/v1/audit/entries/{index}").GetProperty("get");
        Assert.Equal(["exchange", "audit"], entry.GetProperty("security").EnumerateArray().Select(r => Assert.Single(r.GetProperty("partner-oauth2").EnumerateArray()).GetString()));
        Assert.False(document.GetProperty("paths").GetProperty("/v1/audit/proofs/inclusion").GetProperty("get").TryGetProperty("security", out _));
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/v1/audit/key")]
    [InlineData("/v1/session")]
    [InlineData("/nothing/here")]
    public async Task EveryResponse_CarriesTheApiVersion(string path)
    {
        // NL API Design Rules, API-57: the full version on every response, errors included.
        var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("1.1.0", Assert.Single(response.Headers.GetValues("API-Version")));
    }

    [Fact]
    public async Task OpenApiDocument_IsPublishedBesideTheApi_Unauthenticated()
    {
        // NL API Design Rules, API-51.
        var response = await Client.GetAsync("/v1/openapi.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("1.1.0", document.GetProperty("info").GetProperty("version").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/v1/cases", out _));
    }
}
