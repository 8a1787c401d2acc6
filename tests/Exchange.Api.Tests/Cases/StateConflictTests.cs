using System.Net;
using System.Text.Json;
using Avz.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>
/// An attempt that the case's state refuses (admitting a participant twice, directing to an outsider, a status move
/// the flow does not allow, anything after closing) is an authenticated attempt on the case: refused with its code,
/// and an entry with its reason, like every other refusal.
/// </summary>
public sealed class StateConflictTests
{
    [Fact]
    public async Task EveryStateConflict_IsRefused_AndLeavesAnEntryWithItsReason()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "casemanager-12", "casemanager");
        var house = await PartnerSystem.RegisterAsync(factory, client, "avz", "procesregisseur-3", "procesregisseur");
        var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), HttpStatusCode.Created);
        var path = "/v1/cases/" + registered.GetProperty("id").GetString();
        var log = factory.Services.GetRequiredService<AccessLog>();

        async Task Refused(PartnerSystem caller, HttpResponseMessage response, HttpStatusCode status, string code, string action, string reason)
        {
            await PartnerSystem.AssertProblemAsync(response, status, code);
            var entry = JsonDocument.Parse(log.ReadLeaf(caller.Logged[^1].Index)!).RootElement;
            Assert.Equal(action, entry.GetProperty("action").GetString());
            Assert.Equal("refused", entry.GetProperty("decision").GetString());
            Assert.Equal([reason], entry.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        }

        await house.JsonAsync(await house.PostAsync(path + "/participants", new { party = "politie" }), HttpStatusCode.OK);
        await Refused(house, await house.PostAsync(path + "/participants", new { party = "politie" }), HttpStatusCode.Conflict, "AVZ-CASE-0013", "case.admit", "already-participant");
        await Refused(house, await house.PutAsync(path + "/direction", new { party = "lentis" }), HttpStatusCode.BadRequest, "AVZ-CASE-0014", "case.direction", "target-not-participant");
        await Refused(house, await house.PutAsync(path + "/status", new { status = "closed" }), HttpStatusCode.BadRequest, "AVZ-CASE-0008", "case.status", "transition-not-allowed");
        await Refused(gemeente, await gemeente.PostAsync(path + "/consents/" + Guid.NewGuid() + "/withdraw", new { }), HttpStatusCode.NotFound, "AVZ-CONSENT-0001", "consent.withdraw", "unknown-consent");

        await house.JsonAsync(await house.PutAsync(path + "/status", new { status = "rejected" }), HttpStatusCode.OK);
        await Refused(gemeente, await gemeente.PostAsync(path + "/information", new { category = "identity", fields = new Dictionary<string, object> { ["surname"] = "Zwartveld" } }), HttpStatusCode.Conflict, "AVZ-CASE-0009", "information.supply", "case-finished");
        await Refused(house, await house.PostAsync(path + "/participants", new { party = "lentis" }), HttpStatusCode.Conflict, "AVZ-CASE-0009", "case.admit", "case-finished");
        await Refused(house, await house.PutAsync(path + "/direction", new { party = "politie" }), HttpStatusCode.Conflict, "AVZ-CASE-0009", "case.direction", "case-finished");
    }
}
