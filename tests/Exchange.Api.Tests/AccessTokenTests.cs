using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Exchange.Api.Tests;

/// <summary>The API refuses an access token that is expired or meant for another audience, even when the gateway's own key signed it.</summary>
public sealed class AccessTokenTests : GatewayTest
{
    [Theory]
    [InlineData("valid", HttpStatusCode.OK)]
    [InlineData("expired", HttpStatusCode.Unauthorized)]
    [InlineData("other-audience", HttpStatusCode.Unauthorized)]
    [InlineData("other-issuer", HttpStatusCode.Unauthorized)]
    public async Task ResignedToken_IsAcceptedOnlyWhenUnchanged(string change, HttpStatusCode expected)
    {
        var token = await RealTokenAsync();
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        switch (change)
        {
            case "expired":
                payload["exp"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();
                payload["iat"] = DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeSeconds();
                payload["nbf"] = DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeSeconds();
                break;
            case "other-audience":
                payload["aud"] = "another-api";
                break;
            case "other-issuer":
                payload["iss"] = "http://attacker.example/";
                break;
        }

        // Re-signed with the gateway's own signing key: only the claim checks can refuse it.
        using var rsa = RSA.Create();
        rsa.ImportFromPem(await File.ReadAllTextAsync(Path.Combine(Factory.DataDirectory, "identity-signing.pem"), TestContext.Current.CancellationToken));
        var input = parts[0] + "." + Base64UrlEncoder.Encode(payload.ToJsonString());
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var resigned = input + "." + Base64UrlEncoder.Encode(signature);

        var response = await Partners.SessionAsync(Client, resigned);

        Assert.Equal(expected, response.StatusCode);
    }

    private Task<string> RealTokenAsync() => Partners.TokenAsync(Factory, Client, "om-system", "om");
}
