using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Avz.Identity;
using Microsoft.Extensions.DependencyInjection;
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
            var (privateKey, publicKeys) = ClientAssertions.NewKeyPair("k");
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<PartnerClients>().AddAsync("dji-system", "dji", publicKeys, [IdentityScopes.Exchange], TestContext.Current.CancellationToken);
            }

            var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "dji-system",
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = ClientAssertions.Create("dji-system", new Uri("http://localhost/"), privateKey, DateTimeOffset.UtcNow),
                ["scope"] = "exchange",
            }), TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("access_token").GetString()!;
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
