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
        var response = await Partners.RequestTokenAsync(client, "dev-gem-groningen", ClientAssertions.Create("dev-gem-groningen", Partners.Issuer, jwk, DateTimeOffset.UtcNow));

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
