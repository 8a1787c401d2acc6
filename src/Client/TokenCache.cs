using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Avz.Exchange.Client;

/// <summary>Gets access tokens with client credentials and <c>private_key_jwt</c>, and keeps one until shortly before it expires.</summary>
internal sealed class TokenCache(ExchangeClientOptions options, HttpClient http) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? token;
    private DateTimeOffset renewAt;

    public async Task<string> GetAsync(bool renew, CancellationToken cancellationToken)
    {
        var seen = token;
        if (!renew && seen is not null && options.Time.GetUtcNow() < renewAt)
        {
            return seen;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have renewed it while this one waited.
            if (token is not null && !ReferenceEquals(token, seen) && options.Time.GetUtcNow() < renewAt)
            {
                return token;
            }

            var now = options.Time.GetUtcNow();
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.ClientId,
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = ClientAssertion.Create(options.ClientId, options.Gateway, options.Key, now),
                ["scope"] = options.Scope,
            });
            using var response = await http.PostAsync(new Uri(options.Gateway, "connect/token"), form, cancellationToken).ConfigureAwait(false);
            var answer = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || answer?.AccessToken is not { Length: > 0 } issued)
            {
                throw new ExchangeProblemException(
                    $"The gateway issued no token to client {options.ClientId} ({(int)response.StatusCode} {answer?.Error ?? "no error code"}: {answer?.ErrorDescription ?? "no description"}).");
            }

            token = issued;
            renewAt = now.AddSeconds(Math.Max(answer.ExpiresIn, 1)) - options.TokenRenewal;
            return issued;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private sealed record TokenAnswer(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);
}
