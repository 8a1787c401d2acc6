using System.Net;
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
        Assert.Equal(25, keys.Length);
        if (!OperatingSystem.IsWindows())
        {
            foreach (var key in keys)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
            }
        }

        var jwk = new JsonWebKey(await File.ReadAllTextAsync(Path.Combine(folder, "dev-gem-groningen.jwk"), TestContext.Current.CancellationToken));
        var assertion = ClientAssertions.Create("dev-gem-groningen", new Uri("http://localhost/"), jwk, DateTimeOffset.UtcNow);
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "dev-gem-groningen",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = "exchange",
        }), TestContext.Current.CancellationToken);

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
