using System.Net;
using System.Text.Json;
using Avz.Audit;
using Avz.Exchange.Api.Tests.Cases;
using Avz.Exchange.Client;
using Avz.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Administration;

/// <summary>Partner clients registered and disabled over the API by an administrator, logged as <c>avz clients</c> logs them.</summary>
public sealed class ClientAdministrationTests
{
    [Fact]
    public async Task AnAdministrator_RegistersAPartnerClient_ThatGetsATokenUntilItIsDisabled_EachChangeLogged()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var log = factory.Services.GetRequiredService<AccessLog>();
        var administrator = await PartnerSystem.AdministratorAsync(factory, client, "beheer-1", "avz", "beheerder-1");
        var (privateKey, _) = ClientAssertions.NewKeyPair("politie-key-1");
        var jwks = Jwks(privateKey, includePrivate: false);

        var registered = await administrator.JsonAsync(await administrator.PostAsync("/v1/clients", new { party = "politie", clientId = "politie-bvh", jwks }), HttpStatusCode.Created);
        Assert.Equal(("politie-bvh", "politie", false), (registered.GetProperty("clientId").GetString(), registered.GetProperty("party").GetString(), registered.GetProperty("disabled").GetBoolean()));
        Assert.Equal(["exchange"], registered.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var added = PolicyAdministrationTests.Entry(log, administrator.Logged[^1].Index);
        Assert.Equal(("client.add", "permitted", "beheerder-1", "politie-bvh"), (PolicyAdministrationTests.Text(added, "action"), PolicyAdministrationTests.Text(added, "decision"), PolicyAdministrationTests.Text(added, "actor"), added.GetProperty("targetClient").GetProperty("id").GetString()));
        Assert.Contains((await administrator.JsonAsync(await administrator.GetAsync("/v1/clients"), HttpStatusCode.OK)).EnumerateArray(), c => c.GetProperty("clientId").GetString() == "politie-bvh");

        var key = ClientKey.FromJwk(privateKey);
        Assert.Equal(HttpStatusCode.OK, (await Partners.RequestTokenAsync(client, "politie-bvh", ClientAssertion.Create("politie-bvh", Partners.Issuer, key, DateTimeOffset.UtcNow))).StatusCode);

        // Registering the id again: the entry, then its error entry; nothing changed.
        await PartnerSystem.AssertProblemAsync(await administrator.PostAsync("/v1/clients", new { party = "politie", clientId = "politie-bvh", jwks }), HttpStatusCode.Conflict, "AVZ-CLIENT-0005");
        var notStored = PolicyAdministrationTests.Entry(log, administrator.Logged[^1].Index + 1);
        Assert.Equal(("error", "not-stored", administrator.Logged[^1].Index), (PolicyAdministrationTests.Text(notStored, "decision"), notStored.GetProperty("reasons")[0].GetString(), notStored.GetProperty("refersTo").GetInt64()));

        var disabled = await administrator.JsonAsync(await administrator.PostAsync("/v1/clients/politie-bvh/disable", new { }), HttpStatusCode.OK);
        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        Assert.Equal("client.disable", PolicyAdministrationTests.Text(PolicyAdministrationTests.Entry(log, administrator.Logged[^1].Index), "action"));
        var refused = await Partners.RequestTokenAsync(client, "politie-bvh", ClientAssertion.Create("politie-bvh", Partners.Issuer, key, DateTimeOffset.UtcNow));
        Assert.Equal("invalid_client", JsonDocument.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error").GetString());

        await PartnerSystem.AssertProblemAsync(await administrator.PostAsync("/v1/clients/nobody-here/disable", new { }), HttpStatusCode.NotFound, "AVZ-CLIENT-0007");
        Assert.Equal("error", PolicyAdministrationTests.Text(PolicyAdministrationTests.Entry(log, administrator.Logged[^1].Index + 1), "decision"));
    }

    [Fact]
    public async Task StaffClients_AreNotRegisteredOrDisabledOverTheApi_AndTheAttemptIsLogged()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var log = factory.Services.GetRequiredService<AccessLog>();
        var administrator = await PartnerSystem.AdministratorAsync(factory, client, "beheer-1", "avz", "beheerder-1");
        var other = await PartnerSystem.AdministratorAsync(factory, client, "beheer-2", "avz", "beheerder-2");
        var (privateKey, _) = ClientAssertions.NewKeyPair("k");
        var jwks = Jwks(privateKey, includePrivate: false);

        // One administrator registering a second administrator client would defeat four eyes.
        await PartnerSystem.AssertProblemAsync(
            await administrator.PostAsync("/v1/clients", new { party = "avz", clientId = "beheer-3", jwks, scopes = new[] { "policy-admin" } }), HttpStatusCode.Forbidden, "AVZ-CLIENT-0006");
        var entry = PolicyAdministrationTests.Entry(log, administrator.Logged[^1].Index);
        Assert.Equal(("client.add", "refused", "staff-client"), (PolicyAdministrationTests.Text(entry, "action"), PolicyAdministrationTests.Text(entry, "decision"), entry.GetProperty("reasons")[0].GetString()));
        await PartnerSystem.AssertProblemAsync(await administrator.PostAsync("/v1/clients/beheer-2/disable", new { }), HttpStatusCode.Forbidden, "AVZ-CLIENT-0006");
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v1/clients")).StatusCode);

        // Bad input: refused, nothing stored or logged.
        var logged = administrator.Logged.Count;
        await PartnerSystem.AssertProblemAsync(await administrator.PostAsync("/v1/clients", new { party = "nobody", jwks }), HttpStatusCode.BadRequest, "AVZ-CLIENT-0001");
        await PartnerSystem.AssertProblemAsync(await administrator.PostAsync("/v1/clients", new { party = "politie", clientId = "Politie BVH", jwks }), HttpStatusCode.BadRequest, "AVZ-CLIENT-0002");
        await PartnerSystem.AssertProblemAsync(await administrator.PostAsync("/v1/clients", new { party = "politie", jwks = Jwks(privateKey, includePrivate: true) }), HttpStatusCode.BadRequest, "AVZ-CLIENT-0003");
        await PartnerSystem.AssertProblemAsync(await administrator.PostAsync("/v1/clients", new { party = "politie", jwks, scopes = new[] { "root" } }), HttpStatusCode.BadRequest, "AVZ-CLIENT-0004");
        Assert.Equal(logged, administrator.Logged.Count);
    }

    /// <summary>A JWKS of the key's public half (RFC 7517 members), or with its private part too.</summary>
    private static JsonElement Jwks(Microsoft.IdentityModel.Tokens.JsonWebKey key, bool includePrivate)
    {
        var member = new Dictionary<string, string> { ["kty"] = key.Kty, ["crv"] = key.Crv, ["x"] = key.X, ["y"] = key.Y, ["kid"] = key.Kid };
        if (includePrivate)
        {
            member["d"] = key.D;
        }

        return JsonSerializer.SerializeToElement(new { keys = new[] { member } });
    }
}
