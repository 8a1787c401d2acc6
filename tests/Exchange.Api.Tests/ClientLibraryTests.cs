using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Avz.Audit.Notes;
using Avz.Exchange.Cases;
using Avz.Exchange.Client;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Exchange.Api.Tests;

/// <summary>
/// Avz.Exchange.Client, as a partner system's developer uses it, against the real gateway on SQLite: keys from a JWK
/// file, a PEM file and a certificate; a whole case journey with typed calls; every answer's receipt fetched and
/// verified offline against the pinned log key; refusals as coded exceptions; one token for many calls.
/// </summary>
public sealed class ClientLibraryTests
{
    private static readonly Actor Casemanager = new("casemanager-12", "casemanager");
    private static readonly Actor Wijkagent = new("wijkagent-17", "wijkagent");
    private static readonly Actor Regisseur = new("procesregisseur-3", "procesregisseur");

    [Fact]
    public async Task APartnerJourney_WithVerifiedReceiptsForEveryCall()
    {
        var scratch = Directory.CreateTempSubdirectory("avz-client-");
        try
        {
            using var gateway = new RealGateway(scratch.FullName);
            await gateway.StartAsync();
            var address = gateway.Http.BaseAddress!;

            // Three ways to hold a key: the JWK file as written, a PEM file, a certificate.
            var jwkFile = Path.Combine(scratch.FullName, "gem-groningen.jwk");
            await File.WriteAllTextAsync(jwkFile, JsonSerializer.Serialize(await gateway.AddClientAsync("gem-groningen-system", "gem-groningen")), TestContext.Current.CancellationToken);
            var pemFile = Path.Combine(scratch.FullName, "politie.pem");
            await File.WriteAllTextAsync(pemFile, Pem(await gateway.AddClientAsync("politie-system", "politie")), TestContext.Current.CancellationToken);
            using var certificate = await AddCertificateClientAsync(gateway, "avz-system", "avz");

            using var probe = new ExchangeClient(new ExchangeClientOptions { Gateway = address, ClientId = "gem-groningen-system", Key = ClientKey.FromJwkFile(jwkFile) });
            var logKey = await probe.GetLogKeyAsync(TestContext.Current.CancellationToken);
            var counter = new TokenCounter(new SocketsHttpHandler());
            using var http = new HttpClient(counter);
            using var gemeente = new ExchangeClient(new ExchangeClientOptions { Gateway = address, ClientId = "gem-groningen-system", Key = ClientKey.FromJwkFile(jwkFile), LogKey = logKey }, http);
            using var politie = new ExchangeClient(new ExchangeClientOptions { Gateway = address, ClientId = "politie-system", Key = ClientKey.FromPemFile(pemFile, "k1"), LogKey = logKey });
            using var house = new ExchangeClient(new ExchangeClientOptions { Gateway = address, ClientId = "avz-system", Key = ClientKey.FromCertificate(certificate), LogKey = logKey });
            var cancel = TestContext.Current.CancellationToken;

            var session = await gemeente.GetSessionAsync(Casemanager, cancel);
            Assert.Equal("gem-groningen", session.Value.Party);

            var registered = await gemeente.RegisterCaseAsync(Casemanager, new RegisterCase("avz-groningen", "process-direction", "111222333", "Zorgen over overlast"), cancel);
            var id = registered.Value.Id;
            Assert.Equal("111222333", registered.Value.Subject);
            await house.AdmitParticipantAsync(Regisseur, id, "politie", cancel);
            await gemeente.SupplyInformationAsync(Casemanager, id, "identity", new Dictionary<string, object> { ["surname"] = "Zwartveld", ["date-of-birth"] = "1988-04-12" }, cancel);
            await politie.SupplyInformationAsync(Wijkagent, id, "police-registrations", new Dictionary<string, object> { ["incident-type"] = "overlast", ["incident-summary"] = "Melding geluidsoverlast" }, cancel);

            var seen = await gemeente.RequestInformationAsync(Casemanager, id, cancellationToken: cancel);
            var police = Assert.Single(seen.Value.Items, i => i.Category == "police-registrations");
            Assert.Equal("overlast", ((JsonElement)police.Fields["incident-type"]).GetString());
            Assert.Equal("incident-summary:not-permitted", Assert.Single(seen.Value.Withheld.Select(w => w.Field + ":" + w.Reason)));
            var asPolice = await politie.GetCaseAsync(Wijkagent, id, cancel);
            Assert.Null(asPolice.Value.Reason);

            // Every answer carried its entry, and the client proved each one is in the log and records this call.
            foreach (var answer in new[] { registered.Receipt, seen.Receipt, asPolice.Receipt })
            {
                Assert.NotNull(answer);
                var entry = JsonDocument.Parse(answer.Entry).RootElement;
                Assert.Equal(answer.Index, entry.GetProperty("index").GetInt64());
                Assert.True(answer.TreeSize > answer.Index);
            }

            Assert.Equal(seen.TransactionId.ToString("D"), JsonDocument.Parse(seen.Receipt!.Entry).RootElement.GetProperty("transactionId").GetString());
            Assert.Equal("information.request", JsonDocument.Parse(seen.Receipt.Entry).RootElement.GetProperty("action").GetString());

            // The stored receipt checks again with the log's key alone, as 'avz audit verify --receipt' does.
            var stored = Path.Combine(scratch.FullName, "receipt.json");
            await File.WriteAllTextAsync(stored, seen.Receipt.Json, cancel);
            var verified = await gateway.CliAsync("audit", "verify", "--receipt", stored, "--key", logKey);
            Assert.True(verified.Exit == 0, verified.Error);

            // A refusal is a coded exception that names its entry.
            var refused = await Assert.ThrowsAsync<ExchangeProblemException>(() => politie.RequestInformationInEmergencyAsync(Wijkagent, id, "Acuut gevaar, crisisplan nodig voor de inzet", cancellationToken: cancel));
            Assert.Equal(403, refused.Status);
            Assert.Equal("AVZ-INFO-0008", refused.Code);
            Assert.NotNull(refused.LogIndex);
            Assert.DoesNotContain("Acuut", refused.Message, StringComparison.Ordinal);

            // Several calls, one token.
            Assert.Equal(1, counter.TokenRequests);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AReceiptUnderAnotherKey_IsRefused()
    {
        var scratch = Directory.CreateTempSubdirectory("avz-client-");
        try
        {
            using var gateway = new RealGateway(scratch.FullName);
            await gateway.StartAsync();
            var key = ClientKey.FromJwk(await gateway.AddClientAsync("gem-groningen-system", "gem-groningen"));

            // A key of the same name that is not the log's: what a partner pinned is not what signed.
            using var probe = new ExchangeClient(new ExchangeClientOptions { Gateway = gateway.Http.BaseAddress!, ClientId = "gem-groningen-system", Key = key });
            var trusted = await probe.GetLogKeyAsync(TestContext.Current.CancellationToken);
            using var other = NoteSigner.Generate(trusted.Split('+')[0]);
            var impostor = other.VerifierKey;
            using var client = new ExchangeClient(new ExchangeClientOptions { Gateway = gateway.Http.BaseAddress!, ClientId = "gem-groningen-system", Key = key, LogKey = impostor });

            var failure = await Assert.ThrowsAsync<ReceiptVerificationException>(() =>
                client.RegisterCaseAsync(Casemanager, new RegisterCase("avz-groningen", "process-direction", "111222333", "Zorgen"), TestContext.Current.CancellationToken));
            Assert.Contains("does not verify", failure.Message, StringComparison.Ordinal);
            Assert.NotNull(failure.ReceiptJson);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    private static string Pem(JsonWebKey jwk)
    {
        using var ec = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Base64UrlEncoder.DecodeBytes(jwk.D),
            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(jwk.X), Y = Base64UrlEncoder.DecodeBytes(jwk.Y) },
        });
        return ec.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>Registers a client whose key is a self-signed certificate's, under the certificate's SHA-256 thumbprint.</summary>
    private static async Task<X509Certificate2> AddCertificateClientAsync(RealGateway gateway, string clientId, string party)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var certificate = new CertificateRequest("CN=" + clientId, ec, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var point = ec.ExportParameters(false).Q;
        var kid = Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256));
        var jwks = Path.Combine(gateway.Scratch, clientId + ".jwks");
        await File.WriteAllTextAsync(jwks, JsonSerializer.Serialize(new { keys = new[] { new { kty = "EC", crv = "P-256", x = Base64UrlEncoder.Encode(point.X), y = Base64UrlEncoder.Encode(point.Y), kid } } }), TestContext.Current.CancellationToken);
        var added = await gateway.CliAsync("clients", "add", "--party", party, "--jwks", jwks, "--client-id", clientId, "--policies", gateway.Environment["Policies__Directory"]);
        Assert.True(added.Exit == 0, added.Error);
        return certificate;
    }

    private sealed class TokenCounter(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public int TokenRequests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/connect/token")
            {
                TokenRequests++;
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
