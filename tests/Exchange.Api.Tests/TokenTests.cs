using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Avz.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests;

/// <summary>Partner systems authenticate with private_key_jwt (RFC 7523, RFC 10070) and act for exactly one party.</summary>
public sealed class TokenTests : GatewayTest
{
    private const string Issuer = "http://localhost";
    [Theory]
    [InlineData("RS256", "client-authentication+jwt")]
    [InlineData("RS256", null)]
    [InlineData("PS256", "client-authentication+jwt")]
    [InlineData("PS256", null)]
    [InlineData("ES256", "client-authentication+jwt")]
    [InlineData("ES256", null)]
    public async Task SignedAssertion_GetsATokenBoundToTheParty_ThatTheApiAccepts(string algorithm, string? type)
    {
        using var key = new PartnerKey(algorithm);
        await RegisterAsync("politie-system", "politie", key, [IdentityScopes.Exchange]);

        var response = await RequestTokenAsync("politie-system", key.Assertion("politie-system", Issuer, type));

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
        var session = await SessionAsync(token);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var content = JsonDocument.Parse(await session.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("politie", content.GetProperty("party").GetString());
        Assert.Equal("politie-system", content.GetProperty("client").GetString());
        Assert.Equal("wijkagent-17", content.GetProperty("actor").GetString());
    }

    public static TheoryData<string> Refusals() =>
    [
        "unknown-client", "wrong-key", "expired", "audience-is-token-endpoint", "audience-has-two-values", "foreign-type-at+jwt",
        "foreign-type-dpop+jwt", "explicit-generic-JWT", "alg-none", "replayed-jti", "too-long-lived", "disabled-client", "client-secret-in-production",
        "issued-a-year-ahead", "not-before-ten-minutes-ahead",
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task TokenRequest_IsRefusedAsInvalidClient(string refusal)
    {
        using var key = new PartnerKey("ES256");
        using var other = new PartnerKey("ES256");
        await RegisterAsync("ggz-system", "lentis", key, [IdentityScopes.Exchange]);
        var assertion = refusal switch
        {
            "unknown-client" => key.Assertion("nobody", Issuer),
            "wrong-key" => other.Assertion("ggz-system", Issuer),
            "expired" => key.Assertion("ggz-system", Issuer, issuedAt: DateTimeOffset.UtcNow.AddMinutes(-10)),
            "audience-is-token-endpoint" => key.Assertion("ggz-system", Issuer + "/connect/token"),
            "audience-has-two-values" => key.Assertion("ggz-system", new[] { Issuer, Issuer + "/connect/token" }),
            "foreign-type-at+jwt" => key.Assertion("ggz-system", Issuer, type: "at+jwt"),
            "foreign-type-dpop+jwt" => key.Assertion("ggz-system", Issuer, type: "dpop+jwt"),
            "explicit-generic-JWT" => key.Assertion("ggz-system", Issuer, type: "JWT"),
            "alg-none" => key.Assertion("ggz-system", Issuer, algorithm: "none"),
            "too-long-lived" => key.Assertion("ggz-system", Issuer, lifetime: TimeSpan.FromHours(1)),
            "issued-a-year-ahead" => key.Assertion("ggz-system", Issuer, issuedAt: DateTimeOffset.UtcNow.AddYears(1)),
            "not-before-ten-minutes-ahead" => key.Assertion("ggz-system", Issuer, notBefore: DateTimeOffset.UtcNow.AddMinutes(10)),
            _ => key.Assertion("ggz-system", Issuer, jti: "fixed-jti"),
        };
        if (refusal == "replayed-jti")
        {
            Assert.Equal(HttpStatusCode.OK, (await RequestTokenAsync("ggz-system", assertion)).StatusCode);
        }

        if (refusal == "disabled-client")
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            Assert.True(await scope.ServiceProvider.GetRequiredService<PartnerClients>().DisableAsync("ggz-system", TestContext.Current.CancellationToken));
        }

        var response = refusal == "client-secret-in-production"
            ? await PostAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = "ggz-system", ["client_secret"] = "s3cret", ["scope"] = "exchange" })
            : await RequestTokenAsync(refusal == "unknown-client" ? "nobody" : "ggz-system", assertion);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{response.StatusCode}: {body}");
        Assert.Equal("invalid_client", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain("access_token", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedHostHeader_DoesNotMoveTheIssuer()
    {
        // Finding 2: the issuer is fixed by configuration; a Host header and an assertion naming another audience
        // get no token (the audience-injection attack RFC 10070 closes).
        using var key = new PartnerKey("ES256");
        await RegisterAsync("host-system", "politie", key, [IdentityScopes.Exchange]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "host-system",
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = key.Assertion("host-system", "http://evil.example/"),
                ["scope"] = "exchange",
            }),
        };
        request.Headers.Host = "evil.example";

        var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("invalid_client", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain("access_token", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplicitTypeSetting_RefusesAssertionsWithoutTyp()
    {
        await using var strict = new GatewayFactory(new() { ["Identity:RequireExplicitAssertionType"] = "true" });
        using var strictClient = strict.CreateClient();
        using var key = new PartnerKey("ES256");
        await Partners.RegisterAsync(strict, "rvdk-system", "raad-kinderbescherming", key.PublicJwks());

        async Task<HttpStatusCode> Request(string? type) => (await Partners.RequestTokenAsync(strictClient, "rvdk-system", key.Assertion("rvdk-system", Issuer, type))).StatusCode;

        Assert.NotEqual(HttpStatusCode.OK, await Request(null));
        Assert.Equal(HttpStatusCode.OK, await Request("client-authentication+jwt"));
    }

    [Fact]
    public async Task ScopeTheClientDoesNotHold_IsRefused()
    {
        using var key = new PartnerKey("ES256");
        await RegisterAsync("gem-system", "gem-groningen", key, [IdentityScopes.Exchange]);

        var response = await RequestTokenAsync("gem-system", key.Assertion("gem-system", Issuer), scope: "exchange audit");

        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_scope", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("none")]
    [InlineData("garbage")]
    public async Task ApiCall_WithAForgedOrMissingToken_IsRefused(string kind)
    {
        using var key = new PartnerKey("ES256");
        var token = kind switch
        {
            "forged" => key.Assertion("politie-system", "avz-exchange", type: "at+jwt"),
            "garbage" => "not.a.token",
            _ => null,
        };

        var response = await Partners.SessionAsync(Client, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "casemanager", "AVZ-ACTOR-0001")]
    [InlineData("wijkagent-17", null, "AVZ-ACTOR-0001")]
    [InlineData("wijkagent 17; drop", "casemanager", "AVZ-ACTOR-0002")]
    [InlineData("wijkagent-17", "Case Manager", "AVZ-ACTOR-0002")]
    public async Task ExchangeCall_WithoutAValidActor_IsABadRequest(string? actor, string? role, string code)
    {
        using var key = new PartnerKey("ES256");
        await RegisterAsync("vt-system", "jbn-veilig-thuis", key, [IdentityScopes.Exchange]);
        var token = JsonDocument.Parse(await (await RequestTokenAsync("vt-system", key.Assertion("vt-system", Issuer))).Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .RootElement.GetProperty("access_token").GetString()!;

        var response = await SessionAsync(token, actor, role);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("code").GetString());
    }

    private Task RegisterAsync(string clientId, string party, PartnerKey key, string[] scopes) => Partners.RegisterAsync(Factory, clientId, party, key.PublicJwks(), scopes);

    private Task<HttpResponseMessage> RequestTokenAsync(string clientId, string assertion, string scope = "exchange") => Partners.RequestTokenAsync(Client, clientId, assertion, scope);

    private Task<HttpResponseMessage> PostAsync(Dictionary<string, string> form) =>
        Client.PostAsync("/connect/token", new FormUrlEncodedContent(form), TestContext.Current.CancellationToken);

    private Task<HttpResponseMessage> SessionAsync(string token, string? actor = "wijkagent-17", string? role = "wijkagent") => Partners.SessionAsync(Client, token, actor, role);
}
