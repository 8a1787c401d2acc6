using System.Net;
using System.Text;
using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Exchange.Api.Tests.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Avz.Exchange.Api.Tests;

/// <summary>What the attack run of the hardening issue found, each with the test that failed before its fix.</summary>
public sealed class HardeningTests : GatewayTest
{
    public static TheoryData<string, string> UnicodeAttacks() => new()
    {
        { "text", "{\"category\":\"police-registrations\",\"fields\":{\"incident-summary\":\"a\\ud800b\"}}" },
        { "text-low", "{\"category\":\"police-registrations\",\"fields\":{\"incident-summary\":\"a\\udc00b\"}}" },
        { "enum", "{\"category\":\"police-registrations\",\"fields\":{\"incident-type\":\"\\ud800\"}}" },
        { "date", "{\"category\":\"police-registrations\",\"fields\":{\"registered-on\":\"2026-01-0\\ud8001\"}}" },
        { "nul", "{\"category\":\"police-registrations\",\"fields\":{\"incident-summary\":\"a\\u0000b\"}}" },
        { "escape", "{\"category\":\"police-registrations\",\"fields\":{\"incident-summary\":\"a\\u001b[31mb\"}}" },
    };

    [Theory]
    [MemberData(nameof(UnicodeAttacks))]
    public async Task LoneSurrogatesAndControlCharacters_InSuppliedValues_AreA400WithACode(string kind, string body)
    {
        // Finding 3: these answered 500 (InvalidOperationException in FieldValues.TryNormalize).
        var (politie, path) = await CaseWithPolice();

        var response = await politie.SendRawAsync(HttpMethod.Post, path + "/information", body);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{kind}: {(int)response.StatusCode} {text}");
        Assert.StartsWith("AVZ-", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidUtf8_InASuppliedValue_IsA400WithACode()
    {
        var (politie, path) = await CaseWithPolice();
        var bytes = Encoding.UTF8.GetBytes("{\"category\":\"police-registrations\",\"fields\":{\"incident-summary\":\"a__b\"}}");
        var at = Array.IndexOf(bytes, (byte)'_');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await politie.SendContentAsync(HttpMethod.Post, path + "/information", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("AVZ-", JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("code").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("client_id")]
    [InlineData("grant_type")]
    [InlineData("client_assertion")]
    public async Task NulInATokenRequestFormValue_IsA400Problem(string field)
    {
        // Finding 3: %00 in a /connect/token form value threw InvalidDataException from the form reader (500).
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "politie",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = "x.y.z",
        };
        var encoded = string.Join('&', form.Select(p => p.Key + "=" + (p.Key == field ? "a%00b" : Uri.EscapeDataString(p.Value))));
        using var content = new StringContent(encoded, Encoding.ASCII, "application/x-www-form-urlencoded");

        var response = await Client.PostAsync("/connect/token", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AccessTokenInTheQueryString_IsRefused()
    {
        // Finding 7: /v1/session?access_token=… answered 200; tokens in URLs end up in proxy logs.
        var token = await Partners.TokenAsync(Factory, Client, "query-system", "politie");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/session?access_token=" + token);
        request.Headers.Add("Avz-Actor-Id", "wijkagent-17");
        request.Headers.Add("Avz-Actor-Role", "wijkagent");
        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        await PartnerSystem.AssertProblemAsync(response, HttpStatusCode.BadRequest, "AVZ-REQUEST-0002");
        Assert.DoesNotContain(token, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuessedCaseIds_LeaveAnEntry_EachOfThem()
    {
        // Finding 6: 600 guessed case ids (404) left no trace; NEN 7513 logs attempts.
        var politie = await PartnerSystem.RegisterAsync(Factory, Client, "politie", "wijkagent-17", "wijkagent");
        var log = Factory.Services.GetRequiredService<AccessLog>();
        var guesses = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToList();

        foreach (var guess in guesses)
        {
            await PartnerSystem.AssertProblemAsync(await politie.GetAsync($"/v1/cases/{guess}/information"), HttpStatusCode.NotFound, "AVZ-CASE-0004");
        }

        Assert.Equal(guesses.Count, politie.Logged.Count);
        foreach (var ((index, _), guess) in politie.Logged.Zip(guesses))
        {
            Assert.True(LeafEncoding.TryDecode(log.ReadLeaf(index)!, out var entry, out _));
            Assert.Equal(EntryDecision.Refused, entry!.Decision);
            Assert.Equal([EntryReason.UnknownCase], entry.Reasons);
            Assert.Equal(guess.ToString(), entry.Case);
            Assert.Equal("wijkagent-17", entry.Actor);
        }
    }

    [Theory]
    [InlineData("/openapi/..%2f..%2fappsettings.json")]
    [InlineData("/openapi/v2.json")]
    [InlineData("/nothing/here")]
    public async Task UnknownPaths_AreProblemsWithACode_ThatDoNotEchoThePath(string path)
    {
        // Finding 9: the OpenAPI route answered a text/plain 404 reflecting the path.
        var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("AVZ-HTTP-0404", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        Assert.DoesNotContain("appsettings", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRequestParameters_DoNotReachTheLog_AndAReplayIsNoError()
    {
        // Finding 9: a 100 KB client_id made a 100 KB log line; a replayed jti logged a database error with a stack trace.
        var capture = new LogCapture();
        await using var factory = new GatewayFactory { ExtraServices = s => s.AddSingleton<ILoggerProvider>(capture) };
        using var client = factory.CreateClient();
        var huge = new string('q', 100_000);
        await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = huge }), TestContext.Current.CancellationToken);
        using var key = new PartnerKey("ES256");
        await Partners.RegisterAsync(factory, "replay-system", "politie", key.PublicJwks());
        var assertion = key.Assertion("replay-system", Partners.Issuer.AbsoluteUri, jti: "once");
        Assert.Equal(HttpStatusCode.OK, (await Partners.RequestTokenAsync(client, "replay-system", assertion)).StatusCode);

        var replay = await Partners.RequestTokenAsync(client, "replay-system", assertion);

        Assert.NotEqual(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("Issued an access token to client \"replay-system\" of party \"politie\"", capture.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(huge[..1000], capture.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(assertion, capture.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", capture.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", capture.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASupplyEntryWhoseSaveNeverHappened_IsMarkedNotStored_WhenTheGatewayReconciles()
    {
        // Finding 8: killed between entry and save, a supply entry told of items the database never stored.
        var log = Factory.Services.GetRequiredService<AccessLog>();
        var (politie, path) = await CaseWithPolice();
        await politie.JsonAsync(await politie.PostAsync(path + "/information", new { category = "police-registrations", fields = new Dictionary<string, string> { ["incident-type"] = "overlast" } }), HttpStatusCode.Created);
        var stored = politie.Logged[^1].Index;
        var orphan = await log.AppendAsync(
            new AccessLogEntry { Party = "politie", Action = EntryAction.InformationSupply, Decision = EntryDecision.Permitted, Case = path[(path.LastIndexOf('/') + 1)..], Items = [Guid.CreateVersion7().ToString()], Supplied = ["police-registrations/incident-type"] },
            TestContext.Current.CancellationToken);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await Avz.Exchange.ExchangeMaintenance.ReconcileSuppliesAsync(scope.ServiceProvider, TimeSpan.Zero, TestContext.Current.CancellationToken));
            Assert.Equal(0, await Avz.Exchange.ExchangeMaintenance.ReconcileSuppliesAsync(scope.ServiceProvider, TimeSpan.Zero, TestContext.Current.CancellationToken));
        }

        var marks = Enumerable.Range(0, (int)log.Size).Select(i => LeafEncoding.TryDecode(log.ReadLeaf(i)!, out var e, out _) ? e! : null)
            .Where(e => e is { Decision: EntryDecision.Error }).ToList();
        var mark = Assert.Single(marks);
        Assert.Equal(orphan, mark!.RefersTo);
        Assert.Equal([EntryReason.NotStored], mark.Reasons);
        Assert.DoesNotContain(marks, m => m!.RefersTo == stored);
    }

    [Fact]
    public async Task AYoungSupplyEntry_WaitsForTheGracePeriod_AnotherNodeMayStillSaveIt()
    {
        var log = Factory.Services.GetRequiredService<AccessLog>();
        await CaseWithPolice();
        await log.AppendAsync(new AccessLogEntry { Party = "politie", Action = EntryAction.InformationSupply, Decision = EntryDecision.Permitted, Items = [Guid.CreateVersion7().ToString()] }, TestContext.Current.CancellationToken);

        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.Equal(0, await Avz.Exchange.ExchangeMaintenance.ReconcileSuppliesAsync(scope.ServiceProvider, TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));
        Assert.Equal(1, await Avz.Exchange.ExchangeMaintenance.ReconcileSuppliesAsync(scope.ServiceProvider, TimeSpan.Zero, TestContext.Current.CancellationToken));
    }

    private async Task<(PartnerSystem Politie, string Path)> CaseWithPolice()
    {
        var politie = await PartnerSystem.RegisterAsync(Factory, Client, "politie", "wijkagent-17", "wijkagent");
        var registered = await politie.JsonAsync(await politie.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), HttpStatusCode.Created);
        return (politie, "/v1/cases/" + registered.GetProperty("id").GetString());
    }
}
