using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Avz.Identity;

/// <summary>
/// The key that signs access tokens: a file named by <c>Identity:SigningKeyPath</c> in production, either PEM (RSA or
/// EC private key) or PKCS#12 (<c>.pfx</c>/<c>.p12</c>, password in <c>Identity:SigningKeyPassword</c>); in Development, when none is named, one generated into the data directory (owner-only).
/// </summary>
internal sealed class SigningKeyConfigurator(PartnerIdentityOptions settings, IHostEnvironment environment, Func<string> dataDirectory) : IConfigureOptions<OpenIddictServerOptions>
{
    public const string DevelopmentKeyFile = "identity-signing.pem";

    public void Configure(OpenIddictServerOptions options)
    {
        var path = settings.SigningKeyPath;
        if (string.IsNullOrWhiteSpace(path))
        {
            if (!environment.IsDevelopment() && !settings.GenerateSigningKey)
            {
                throw new OptionsValidationException(nameof(OpenIddictServerOptions), typeof(OpenIddictServerOptions),
                    ["Identity:SigningKeyPath names no token signing key; outside Development set it to a PEM file with an RSA or EC private key."]);
            }

            path = Path.Combine(dataDirectory(), DevelopmentKeyFile);
            if (!File.Exists(path))
            {
                using var generated = RSA.Create(3072);
                var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, fileOptions);
                writer.Write(generated.ExportPkcs8PrivateKeyPem());
            }
        }

        if (!File.Exists(path))
        {
            throw new OptionsValidationException(nameof(OpenIddictServerOptions), typeof(OpenIddictServerOptions),
                [$"Identity:SigningKeyPath '{path}' does not exist; point it at a PEM file with an RSA or EC private key."]);
        }

        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
        {
            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.SigningKeyPassword, X509KeyStorageFlags.EphemeralKeySet);
            }
            catch (CryptographicException)
            {
                throw new OptionsValidationException(nameof(OpenIddictServerOptions), typeof(OpenIddictServerOptions),
                    [$"Identity:SigningKeyPath '{path}' cannot be opened as PKCS#12; check the file and Identity:SigningKeyPassword."]);
            }

            if (!certificate.HasPrivateKey)
            {
                throw new OptionsValidationException(nameof(OpenIddictServerOptions), typeof(OpenIddictServerOptions),
                    [$"Identity:SigningKeyPath '{path}' holds no private key."]);
            }

            options.SigningCredentials.Add(new SigningCredentials(new X509SecurityKey(certificate), certificate.GetECDsaPublicKey() is null ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.EcdsaSha256));
            return;
        }

        var pem = File.ReadAllText(path);
        SecurityKey key;
        string algorithm;
        if (pem.Contains("EC PRIVATE KEY", StringComparison.Ordinal) || TryEc(pem, out _))
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            key = new ECDsaSecurityKey(ec) { KeyId = Thumbprint(ec.ExportSubjectPublicKeyInfo()) };
            algorithm = SecurityAlgorithms.EcdsaSha256;
        }
        else
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            key = new RsaSecurityKey(rsa) { KeyId = Thumbprint(rsa.ExportSubjectPublicKeyInfo()) };
            algorithm = SecurityAlgorithms.RsaSha256;
        }

        options.SigningCredentials.Add(new SigningCredentials(key, algorithm));
    }

    private static bool TryEc(string pem, out ECDsa? ec)
    {
        ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            return true;
        }
        catch (CryptographicException)
        {
            ec.Dispose();
            ec = null;
            return false;
        }
        catch (ArgumentException)
        {
            ec.Dispose();
            ec = null;
            return false;
        }
    }

    private static string Thumbprint(byte[] publicKey) => Base64UrlEncoder.Encode(SHA256.HashData(publicKey)[..16]);
}
