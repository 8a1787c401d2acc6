using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Avz.Exchange.Client;
using Avz.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests;

/// <summary>
/// RFC 8705 certificate-bound access tokens over real TLS (Kestrel on loopback), with self-signed client certificates:
/// the token carries cnf.x5t#S256, and the API (OpenIddict validation) accepts it only over a connection presenting
/// that certificate.
/// </summary>
public sealed class CertificateBoundTokenTests
{
    [Fact]
    public async Task ABoundToken_WorksOnlyOverAConnectionWithItsCertificate()
    {
        using var alice = Certificate("CN=politie-lms");
        using var mallory = Certificate("CN=mallory");
        await using var gateway = await StartAsync("Optional");

        using var withCertificate = gateway.Client(alice);
        var token = await TokenAsync(gateway, withCertificate, "politie-lms", "politie");
        Assert.Equal(Thumbprint(alice), Confirmation(token));

        Assert.Equal(HttpStatusCode.OK, (await Partners.SessionAsync(withCertificate, token)).StatusCode);

        using var stolen = gateway.Client(mallory);
        await AssertRefused(await Partners.SessionAsync(stolen, token));
        using var plain = gateway.Client(null);
        await AssertRefused(await Partners.SessionAsync(plain, token));

        // Optional: a client without a certificate still gets a (plain bearer) token.
        var bearer = await TokenAsync(gateway, plain, "politie-bearer", "politie");
        Assert.Null(Confirmation(bearer));
        Assert.Equal(HttpStatusCode.OK, (await Partners.SessionAsync(plain, bearer)).StatusCode);
    }

    [Fact]
    public async Task Required_RefusesATokenRequestWithoutACertificate()
    {
        await using var gateway = await StartAsync("Required");
        using var plain = gateway.Client(null);
        var (privateKey, publicKeys) = ClientAssertions.NewKeyPair("k");
        await Partners.RegisterAsync(gateway.Factory, "politie-lms", "politie", publicKeys);
        var response = await Partners.RequestTokenAsync(plain, "politie-lms", ClientAssertion.Create("politie-lms", Partners.Issuer, ClientKey.FromJwk(privateKey), DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(Gateway gateway, HttpClient client, string clientId, string party)
    {
        var (privateKey, publicKeys) = ClientAssertions.NewKeyPair("k");
        await Partners.RegisterAsync(gateway.Factory, clientId, party, publicKeys);
        var response = await Partners.RequestTokenAsync(client, clientId, ClientAssertion.Create(clientId, Partners.Issuer, ClientKey.FromJwk(privateKey), DateTimeOffset.UtcNow));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return await Partners.AccessTokenOf(response);
    }

    private static string? Confirmation(string token)
    {
        using var json = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]));
        return json.RootElement.TryGetProperty("cnf", out var cnf) ? cnf.GetProperty("x5t#S256").GetString() : null;
    }

    /// <summary>RFC 8705 §3.1: base64url of the SHA-256 of the certificate's DER encoding.</summary>
    private static string Thumbprint(X509Certificate2 certificate) =>
        System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(certificate.RawData));

    private static async Task AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("AVZ-HTTP-0401", problem.RootElement.GetProperty("code").GetString());
    }

    private static X509Certificate2 Certificate(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2"), new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectAlternativeNameExtension(BuildSan()));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private static byte[] BuildSan()
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        return san.Build().RawData;
    }

    private static async Task<Gateway> StartAsync(string binding)
    {
        var server = Certificate("CN=127.0.0.1");
        var factory = new GatewayFactory(new Dictionary<string, string?> { ["Identity:CertificateBoundTokens"] = binding });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(server)));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await Task.CompletedTask;
        return new Gateway(factory, server, new Uri(address));
    }

    private sealed class Gateway(GatewayFactory factory, X509Certificate2 server, Uri address) : IAsyncDisposable
    {
        public GatewayFactory Factory => factory;

        public HttpClient Client(X509Certificate2? certificate)
        {
            var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == server.Thumbprint };
            if (certificate is not null)
            {
                handler.ClientCertificateOptions = ClientCertificateOption.Manual;
                handler.ClientCertificates.Add(certificate);
            }

            return new HttpClient(handler) { BaseAddress = address };
        }

        public async ValueTask DisposeAsync()
        {
            await factory.DisposeAsync();
            server.Dispose();
        }
    }
}
