using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Exchange.Client;

/// <summary>
/// A client assertion for <c>private_key_jwt</c> (RFC 7523 section 2.2 as profiled by RFC 10070): issuer and subject
/// the client id, audience the gateway's issuer URL and nothing else, a fresh <c>jti</c>, two minutes of life, and the
/// explicit type <c>client-authentication+jwt</c>.
/// </summary>
public static class ClientAssertion
{
    /// <summary>The explicit JWT type of a client assertion (RFC 10070).</summary>
    public const string Type = "client-authentication+jwt";

    /// <summary>The lifetime of an assertion.</summary>
    public static TimeSpan Lifetime { get; } = TimeSpan.FromMinutes(2);

    /// <summary>Signs an assertion.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="issuer">The gateway's issuer URL, the assertion's only audience.</param>
    /// <param name="key">The client's private key.</param>
    /// <param name="now">The time it is issued.</param>
    /// <returns>The compact JWS.</returns>
    public static string Create(string clientId, Uri issuer, ClientKey key, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(key);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = issuer.AbsoluteUri,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(Lifetime).UtcDateTime,
            TokenType = Type,
            SigningCredentials = new SigningCredentials(key.SecurityKey, key.Algorithm),
        });
    }
}
