using System.Net;
using Avz.Exchange.Client;
using Avz.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Exchange.Api.Tests;

public sealed class DevelopmentTests
{
    [Fact]
    public async Task FirstRunInDevelopment_RegistersADemoClientPerParty_WhosePrivateKeyGetsAToken()
    {
        await using var factory = new GatewayFactory(environment: "Development");
        using var client = factory.CreateClient();

        var folder = Path.Combine(factory.DataDirectory, "dev-clients");
        var keys = Directory.GetFiles(folder, "*.jwk");
        Assert.Equal(27, keys.Length);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var key in keys)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            }
        }

        var text = await File.ReadAllTextAsync(Path.Combine(folder, "dev-gem-groningen.jwk"), TestContext.Current.CancellationToken);

        // RFC 7517 members only, none empty: off-the-shelf clients (jose) refuse an empty key_ops.
        var members = System.Text.Json.JsonDocument.Parse(text).RootElement.EnumerateObject().ToList();
        Assert.Equal(["alg", "crv", "d", "kid", "kty", "use", "x", "y"], members.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.All(members, m => Assert.False(string.IsNullOrEmpty(m.Value.GetString())));
        var jwk = new JsonWebKey(text);
        var response = await Partners.RequestTokenAsync(client, "dev-gem-groningen", ClientAssertion.Create("dev-gem-groningen", Partners.Issuer, ClientKey.FromJwk(jwk), DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Production_RegistersNoDemoClients()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();

        Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "dev-clients")));
    }
}
