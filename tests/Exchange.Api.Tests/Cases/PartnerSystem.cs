using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>One partner's system in a test: its party, its real access token, its acting professional; remembers the log index of every call.</summary>
public sealed class PartnerSystem(HttpClient client, string party, string token, string actor, string role)
{
    public string Party => party;

    public string Actor => actor;

    public List<(long Index, string Path)> Logged { get; } = [];

    public static async Task<PartnerSystem> RegisterAsync(GatewayFactory factory, HttpClient client, string party, string actor, string role) =>
        new(client, party, await Partners.TokenAsync(factory, client, "app-" + party, party), actor, role);

    /// <summary>A privacy officer's client (scope audit) of a party.</summary>
    public static async Task<PartnerSystem> PrivacyOfficerAsync(GatewayFactory factory, HttpClient client, string party, string actor) =>
        new(client, party, await Partners.TokenAsync(factory, client, "fg-" + party, party, Avz.Identity.IdentityScopes.Audit), actor, "functionaris-gegevensbescherming");

    /// <summary>An administrator's client (scope policy-admin) of a party, under its own client id.</summary>
    public static async Task<PartnerSystem> AdministratorAsync(GatewayFactory factory, HttpClient client, string clientId, string party, string actor) =>
        new(client, party, await Partners.TokenAsync(factory, client, clientId, party, Avz.Identity.IdentityScopes.PolicyAdmin), actor, "beheerder");

    public Task<HttpResponseMessage> PostAsync(string path, object body) => SendAsync(HttpMethod.Post, path, JsonContent.Create(body));

    public Task<HttpResponseMessage> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, JsonContent.Create(body));

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string json) =>
        SendAsync(method, path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> SendContentAsync(HttpMethod method, string path, HttpContent content, string? accept = null) => SendAsync(method, path, content, accept);

    /// <summary>Asserts an RFC 9457 problem with the status and stable code.</summary>
    public static async Task AssertProblemAsync(HttpResponseMessage response, System.Net.HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
    }

    public async Task<JsonElement> JsonAsync(HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{party}: expected {expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Avz-Actor-Id", actor);
        request.Headers.Add("Avz-Actor-Role", role);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        if (response.Headers.TryGetValues("Avz-Log-Index", out var values))
        {
            Logged.Add((long.Parse(values.Single(), CultureInfo.InvariantCulture), method + " " + path));
        }

        return response;
    }
}
