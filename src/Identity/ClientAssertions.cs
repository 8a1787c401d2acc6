using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Identity;

/// <summary>
/// Key pairs for partner clients (the demo clients, <c>avz clients add</c>). The assertions a client signs with them are
/// made by <c>Avz.Exchange.Client.ClientAssertion</c>, the partner library.
/// </summary>
public static class ClientAssertions
{
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
