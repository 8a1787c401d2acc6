using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Exchange.Api.Tests;

/// <summary>A partner system's key pair, and client assertions built by hand so every header and claim is under the test's control.</summary>
internal sealed class PartnerKey : IDisposable
{
    private readonly RSA? rsa;
    private readonly ECDsa? ec;

    public PartnerKey(string algorithm)
    {
        Algorithm = algorithm;
        if (algorithm == "ES256")
        {
            ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        }
        else
        {
            rsa = RSA.Create(2048);
        }
    }

    public string Algorithm { get; }

    public JsonWebKeySet PublicJwks()
    {
        var jwk = rsa is not null
            ? JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)))
            : JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ec!.ExportParameters(false))));
        jwk.Kid = "k1";
        var set = new JsonWebKeySet();
        set.Keys.Add(jwk);
        return set;
    }

    public string Assertion(
        string clientId,
        object audience,
        string? type = "client-authentication+jwt",
        string? jti = null,
        DateTimeOffset? issuedAt = null,
        TimeSpan? lifetime = null,
        string? algorithm = null,
        DateTimeOffset? notBefore = null)
    {
        var now = issuedAt ?? DateTimeOffset.UtcNow;
        var header = new Dictionary<string, object> { ["alg"] = algorithm ?? Algorithm, ["kid"] = "k1" };
        if (type is not null)
        {
            header["typ"] = type;
        }

        var payload = new Dictionary<string, object>
        {
            ["iss"] = clientId,
            ["sub"] = clientId,
            ["aud"] = audience,
            ["jti"] = jti ?? Guid.NewGuid().ToString(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime ?? TimeSpan.FromMinutes(2)).ToUnixTimeSeconds(),
        };
        if (notBefore is { } nbf)
        {
            payload["nbf"] = nbf.ToUnixTimeSeconds();
        }
        var input = $"{Encode(header)}.{Encode(payload)}";
        if (algorithm == "none")
        {
            return input + ".";
        }

        var data = Encoding.ASCII.GetBytes(input);
        var signature = Algorithm switch
        {
            "RS256" => rsa!.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "PS256" => rsa!.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss),
            _ => ec!.SignData(data, HashAlgorithmName.SHA256),
        };
        return $"{input}.{Base64UrlEncoder.Encode(signature)}";
    }

    public void Dispose()
    {
        rsa?.Dispose();
        ec?.Dispose();
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value, Json));
}
