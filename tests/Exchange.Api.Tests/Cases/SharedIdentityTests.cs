using System.Net;
using Avz.Exchange.Client;
using Avz.Identity;
using Avz.Testing;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>Two gateway nodes on one PostgreSQL identity store: clients are shared, and an assertion is single-use across nodes.</summary>
[Collection(PostgresTests.Name)]
public sealed class SharedIdentityTests(PostgresServer postgres)
{
    [Fact]
    public async Task AnAssertionUsedOnOneNode_IsRefusedOnTheOther()
    {
        var identity = postgres.CreateDatabase();
        var settings = new Dictionary<string, string?> { ["Identity:Store"] = "Postgres", ["Identity:ConnectionString"] = identity };
        await using var first = new GatewayFactory(settings);
        await using var second = new GatewayFactory(settings);
        using var toFirst = first.CreateClient();
        using var toSecond = second.CreateClient();

        // Registered through the first node, known to the second.
        var (privateKey, publicKeys) = ClientAssertions.NewKeyPair("k");
        await Partners.RegisterAsync(first, "politie-lms", "politie", publicKeys);
        var assertion = ClientAssertion.Create("politie-lms", Partners.Issuer, ClientKey.FromJwk(privateKey), DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.OK, (await Partners.RequestTokenAsync(toFirst, "politie-lms", assertion)).StatusCode);
        var replay = await Partners.RequestTokenAsync(toSecond, "politie-lms", assertion);
        var body = await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(replay.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{replay.StatusCode}: {body}");
        Assert.Equal("invalid_client", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());

        var fresh = ClientAssertion.Create("politie-lms", Partners.Issuer, ClientKey.FromJwk(privateKey), DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.OK, (await Partners.RequestTokenAsync(toSecond, "politie-lms", fresh)).StatusCode);
    }
}
