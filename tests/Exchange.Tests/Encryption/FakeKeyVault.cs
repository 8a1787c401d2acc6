using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Avz.Exchange.Tests.Encryption;

/// <summary>
/// A local HTTPS server that implements the Azure Key Vault operations the gateway uses (get key, wrapkey, unwrapkey)
/// with real RSA keys and RSA-OAEP-256, and requires the bearer token the test credential hands out.
/// </summary>
public sealed class FakeKeyVault : IAsyncDisposable
{
    public const string BearerToken = "test-vault-token";

    private readonly WebApplication app;
    private readonly List<(string Version, RSA Key)> versions = [];

    private FakeKeyVault(WebApplication app, X509Certificate2 certificate)
    {
        this.app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public Uri Uri { get; private set; } = null!;

    public int Requests { get; private set; }

    public static async Task<FakeKeyVault> StartAsync(string keyName)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        var certificate = X509CertificateLoader.LoadPkcs12(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1)).Export(X509ContentType.Pfx), null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var vault = new FakeKeyVault(app, certificate);
        vault.AddVersion();
        app.Use(async (context, next) =>
        {
            vault.Requests++;
            if (!string.Equals(context.Request.Headers.Authorization, "Bearer " + BearerToken, StringComparison.Ordinal) || context.Request.Query["api-version"] != "7.4")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });
        app.MapGet("/keys/{name}", (string name) => name == keyName
            ? Results.Json(new { key = new { kid = vault.Kid(name, vault.versions[^1].Version), kty = "RSA" } })
            : Results.NotFound());
        app.MapPost("/keys/{name}/{version}/wrapkey", (string name, string version, Operation body) =>
            vault.Apply(name == keyName ? version : null, body, (key, value) => key.Encrypt(value, RSAEncryptionPadding.OaepSHA256)));
        app.MapPost("/keys/{name}/{version}/unwrapkey", (string name, string version, Operation body) =>
            vault.Apply(name == keyName ? version : null, body, (key, value) => key.Decrypt(value, RSAEncryptionPadding.OaepSHA256)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        vault.Uri = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return vault;
    }

    /// <summary>Makes a new key version, as rotating a key in the vault does.</summary>
    public void AddVersion() => versions.Add((Guid.NewGuid().ToString("N"), RSA.Create(2048)));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Certificate.Dispose();
        versions.ForEach(v => v.Key.Dispose());
    }

    private string Kid(string name, string version) => new Uri(Uri, $"keys/{name}/{version}").ToString();

    private IResult Apply(string? version, Operation body, Func<RSA, byte[], byte[]> operation)
    {
        var key = versions.FirstOrDefault(v => v.Version == version).Key;
        if (key is null || body.Alg != "RSA-OAEP-256")
        {
            return Results.Json(new { error = new { code = "KeyNotFound" } }, statusCode: StatusCodes.Status404NotFound);
        }

        try
        {
            var value = operation(key, Base64Url.DecodeFromChars(body.Value));
            return Results.Json(new { kid = Kid("kek", version!), value = Base64Url.EncodeToString(value) });
        }
        catch (CryptographicException)
        {
            return Results.Json(new { error = new { code = "BadParameter" } }, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    public sealed record Operation(string Alg, string Value);
}
