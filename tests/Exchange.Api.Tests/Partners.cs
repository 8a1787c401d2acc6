using System.Net.Http.Headers;
using System.Text.Json;
using Avz.Exchange.Client;
using Avz.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Exchange.Api.Tests;

/// <summary>What a partner system does against the gateway in these tests: register, ask for a token, call the API.</summary>
internal static class Partners
{
    public static readonly Uri Issuer = new("http://localhost/");

    public static async Task RegisterAsync(GatewayFactory factory, string clientId, string party, JsonWebKeySet keys, params string[] scopes)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PartnerClients>().AddAsync(clientId, party, keys, scopes.Length == 0 ? [IdentityScopes.Exchange] : scopes, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> RequestTokenAsync(HttpClient client, string clientId, string assertion, string scope = IdentityScopes.Exchange) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = scope,
        }), TestContext.Current.CancellationToken);

    /// <summary>Registers a new client with a fresh key and returns an access token for it.</summary>
    public static async Task<string> TokenAsync(GatewayFactory factory, HttpClient client, string clientId, string party, string scope = IdentityScopes.Exchange)
    {
        var (privateKey, publicKeys) = ClientAssertions.NewKeyPair("k");
        await RegisterAsync(factory, clientId, party, publicKeys, scope.Split(' '));
        var response = await RequestTokenAsync(client, clientId, ClientAssertion.Create(clientId, Issuer, ClientKey.FromJwk(privateKey), DateTimeOffset.UtcNow), scope);
        return await AccessTokenOf(response);
    }

    public static async Task<string> AccessTokenOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("access_token").GetString()!;

    public static Task<HttpResponseMessage> SessionAsync(HttpClient client, string? token, string? actor = "wijkagent-17", string? role = "wijkagent")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/session");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (actor is not null)
        {
            request.Headers.Add("Avz-Actor-Id", actor);
        }

        if (role is not null)
        {
            request.Headers.Add("Avz-Actor-Role", role);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
