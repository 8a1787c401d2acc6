using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Identity;

/// <summary>
/// Makes client assertions (RFC 7523, RFC 10070) the way a partner system should: <c>typ: client-authentication+jwt</c>,
/// iss = sub = client id, aud = the issuer identifier only, a fresh jti, two minutes of life. Used by <c>avz token</c>
/// and the demo clients; partner systems use their own OAuth library.
/// </summary>
public static class ClientAssertions
{
    /// <summary>Creates a signed assertion.</summary>
    /// <param name="clientId">The client id.</param>
    /// <param name="issuer">The gateway's issuer identifier.</param>
    /// <param name="privateKey">The client's private key as a JWK (EC P-256 or RSA).</param>
    /// <param name="now">The current time.</param>
    /// <returns>The compact JWT.</returns>
    public static string Create(string clientId, Uri issuer, JsonWebKey privateKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(privateKey);
        var algorithm = privateKey.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = issuer.AbsoluteUri,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(2).UtcDateTime,
            TokenType = Handlers.AssertionHeaderHandler.ExplicitType,
            SigningCredentials = new SigningCredentials(privateKey, algorithm),
        });
    }

    /// <summary>Creates a new EC P-256 key pair for a client: the private JWK to keep, the public JWKS to register.</summary>
    /// <param name="keyId">The key id.</param>
    /// <returns>Both halves.</returns>
    public static (JsonWebKey PrivateKey, JsonWebKeySet PublicKeys) NewKeyPair(string keyId)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var privateJwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(true))));
        privateJwk.Kid = keyId;
        privateJwk.Alg = SecurityAlgorithms.EcdsaSha256;
        var publicJwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false))));
        publicJwk.Kid = keyId;
        publicJwk.Alg = SecurityAlgorithms.EcdsaSha256;
        var set = new JsonWebKeySet();
        set.Keys.Add(publicJwk);
        return (privateJwk, set);
    }
}
