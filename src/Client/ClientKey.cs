using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Exchange.Client;

/// <summary>
/// The private key a partner client signs its client assertions with (<c>private_key_jwt</c>, RFC 7523): from a JWK
/// file as the gateway's <c>avz clients add</c> and Development write them, a PEM file, or an X.509 certificate with
/// its private key (a file or the operating system's certificate store). The gateway holds the public half.
/// </summary>
public sealed class ClientKey
{
    private ClientKey(SecurityKey key, string algorithm)
    {
        SecurityKey = key;
        Algorithm = algorithm;
    }

    /// <summary>The signing key.</summary>
    public SecurityKey SecurityKey { get; }

    /// <summary>The JWS algorithm: ES256 for P-256 keys, RS256 for RSA keys.</summary>
    public string Algorithm { get; }

    /// <summary>A private JWK (RFC 7517), as JSON.</summary>
    /// <param name="json">The key.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The JSON is not a private EC P-256 or RSA key.</exception>
    public static ClientKey FromJwk(string json)
    {
        try
        {
            return FromJwk(new JsonWebKey(json));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("The text is not a private EC P-256 or RSA JSON Web Key.", nameof(json), e);
        }
    }

    /// <summary>A private JWK (RFC 7517).</summary>
    /// <param name="jwk">The key.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">It is not a private EC P-256 or RSA key.</exception>
    public static ClientKey FromJwk(JsonWebKey jwk) => jwk switch
    {
        { Kty: JsonWebAlgorithmsKeyTypes.EllipticCurve, Crv: JsonWebKeyECTypes.P256, D.Length: > 0 } => new ClientKey(jwk, SecurityAlgorithms.EcdsaSha256),
        { Kty: JsonWebAlgorithmsKeyTypes.RSA, D.Length: > 0 } => new ClientKey(jwk, SecurityAlgorithms.RsaSha256),
        null => throw new ArgumentNullException(nameof(jwk)),
        _ => throw new ArgumentException("The JWK is not a private EC P-256 or RSA key (it needs 'd').", nameof(jwk)),
    };

    /// <summary>A private JWK file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The key.</returns>
    public static ClientKey FromJwkFile(string path) => FromJwk(File.ReadAllText(path));

    /// <summary>A PEM private key (PKCS#8, SEC1 EC or PKCS#1 RSA).</summary>
    /// <param name="path">The PEM file.</param>
    /// <param name="keyId">The key id the gateway knows the public key by (its JWKS <c>kid</c>), if it has several.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The file holds no EC P-256 or RSA private key.</exception>
    public static ClientKey FromPemFile(string path, string? keyId = null)
    {
        var pem = File.ReadAllText(path);
        try
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            if (ec.KeySize != 256)
            {
                ec.Dispose();
                throw new ArgumentException("The EC key is not on P-256.", nameof(path));
            }

            return new ClientKey(new ECDsaSecurityKey(ec) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256);
        }
        catch (CryptographicException)
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(pem);
            }
            catch (CryptographicException e)
            {
                rsa.Dispose();
                throw new ArgumentException("The file holds no EC P-256 or RSA private key in PEM.", nameof(path), e);
            }

            return new ClientKey(new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256);
        }
    }

    /// <summary>A certificate with its private key; the key id is the certificate's SHA-256 thumbprint unless given.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="keyId">The key id the gateway knows the public key by, if not the thumbprint.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The certificate has no usable private key.</exception>
    public static ClientKey FromCertificate(X509Certificate2 certificate, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The certificate has no private key.", nameof(certificate));
        }

        var id = keyId ?? Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
        if (certificate.GetECDsaPrivateKey() is { KeySize: 256 } ec)
        {
            return new ClientKey(new ECDsaSecurityKey(ec) { KeyId = id }, SecurityAlgorithms.EcdsaSha256);
        }

        if (certificate.GetRSAPrivateKey() is { } rsa)
        {
            return new ClientKey(new RsaSecurityKey(rsa) { KeyId = id }, SecurityAlgorithms.RsaSha256);
        }

        throw new ArgumentException("The certificate's key is not EC P-256 or RSA.", nameof(certificate));
    }

    /// <summary>A certificate from the operating system's store, found by its SHA-1 thumbprint (as stores list them).</summary>
    /// <param name="thumbprint">The thumbprint, hex.</param>
    /// <param name="location">The store location.</param>
    /// <param name="name">The store.</param>
    /// <param name="keyId">The key id the gateway knows the public key by, if not the SHA-256 thumbprint.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">No such certificate with a private key in the store.</exception>
    public static ClientKey FromCertificateStore(string thumbprint, StoreLocation location = StoreLocation.CurrentUser, StoreName name = StoreName.My, string? keyId = null)
    {
        using var store = new X509Store(name, location);
        store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
        return found.Count == 1
            ? FromCertificate(found[0], keyId)
            : throw new ArgumentException($"The {location}/{name} store has no certificate with thumbprint {thumbprint}.", nameof(thumbprint));
    }
}
