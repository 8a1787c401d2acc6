using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Exchange.Api.Tests;

/// <summary>In production the token signing key comes from configuration, as PEM or PKCS#12.</summary>
public sealed class SigningKeyTests
{
    [Theory]
    [InlineData("pem-rsa")]
    [InlineData("pem-ec")]
    [InlineData("pkcs12")]
    public async Task ConfiguredSigningKey_SignsTheAccessTokens(string format)
    {
        var folder = Directory.CreateTempSubdirectory("avz-keys-");
        try
        {
            var (path, publicKey) = WriteKey(folder.FullName, format);
            await using var factory = new GatewayFactory(new()
            {
                ["Identity:GenerateSigningKey"] = "false",
                ["Identity:SigningKeyPath"] = path,
                ["Identity:SigningKeyPassword"] = "test-password",
            });
            using var client = factory.CreateClient();
            var token = await Partners.TokenAsync(factory, client, "dji-system", "dji");
            var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKey = publicKey,
                ValidateAudience = false,
                ValidateIssuer = false,
                ValidTypes = ["at+jwt"],
            });
            Assert.True(result.IsValid, result.Exception?.Message);
            Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "identity-signing.pem")));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static (string Path, SecurityKey PublicKey) WriteKey(string folder, string format)
    {
        switch (format)
        {
            case "pem-rsa":
                {
                    using var rsa = RSA.Create(2048);
                    var path = Path.Combine(folder, "signing.pem");
                    File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
                    return (path, new RsaSecurityKey(rsa.ExportParameters(false)));
                }

            case "pem-ec":
                {
                    using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    var path = Path.Combine(folder, "signing.pem");
                    File.WriteAllText(path, ec.ExportPkcs8PrivateKeyPem());
                    return (path, new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false))));
                }

            default:
                {
                    using var rsa = RSA.Create(2048);
                    var request = new CertificateRequest("CN=avz-exchange token signing", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                    var path = Path.Combine(folder, "signing.p12");
                    File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "test-password"));
                    return (path, new RsaSecurityKey(rsa.ExportParameters(false)));
                }
        }
    }
}
