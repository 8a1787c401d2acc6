using System.Net;
using System.Text;
using System.Text.Json;
using Avz.Audit;
using Avz.Exchange.Api.Tests.Cases;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Avz.Exchange.House;
using Avz.Exchange.Subjects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Avz.Exchange.Api.Tests.House;

/// <summary>Early signals: only <em>that</em> a party is involved; a match tells who else, nothing more; everything logged.</summary>
public sealed class SignalTests
{
    private const string Subject = "111222333";
    private const string Other = "123456782";

    [Fact]
    public async Task SignalsFromTwoParties_MakeAMatch_ThatTellsEachWhoElseIsInvolved_AndNothingMore()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "wijkcoach-4", "wijkcoach");
        var politie = await PartnerSystem.RegisterAsync(factory, client, "politie", "wijkagent-17", "wijkagent");
        var house = await PartnerSystem.RegisterAsync(factory, client, "avz", "procesregisseur-3", "procesregisseur");
        var log = factory.Services.GetRequiredService<AccessLog>();

        var first = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/signals", new { convenant = "avz-groningen", subject = Subject, contactRole = "wijkcoach" }), HttpStatusCode.Created);
        Assert.Empty(first.GetProperty("involved").EnumerateArray());
        var validUntil = first.GetProperty("validUntil").GetDateTimeOffset();
        Assert.InRange(validUntil, DateTimeOffset.UtcNow.AddYears(2).AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(2).AddMinutes(5));

        var response = await politie.PostAsync("/v1/signals", new { convenant = "avz-groningen", subject = Subject, contactRole = "wijkagent" });
        var second = await politie.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(["gem-groningen:wijkcoach"], second.GetProperty("involved").EnumerateArray().Select(i => i.GetProperty("party").GetString() + ":" + i.GetProperty("contactRole").GetString()));
        Assert.DoesNotContain(Subject, second.GetRawText(), StringComparison.Ordinal);

        var match = Entry(log, politie.Logged[^1].Index);
        Assert.Equal("signal.match", match.GetProperty("action").GetString());
        Assert.Equal(["gem-groningen", "politie"], match.GetProperty("signals").EnumerateArray().Select(p => p.GetString()));
        Assert.StartsWith("ps1:", match.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Equal("signal.record", Entry(log, politie.Logged[^1].Index - 1).GetProperty("action").GetString());

        var mine = await gemeente.JsonAsync(await gemeente.GetAsync("/v1/signals?convenant=avz-groningen"), HttpStatusCode.OK);
        var listed = Assert.Single(mine.GetProperty("signals").EnumerateArray());
        Assert.Equal("politie", Assert.Single(listed.GetProperty("involved").EnumerateArray()).GetProperty("party").GetString());
        Assert.Equal("signal.read", Entry(log, gemeente.Logged[^1].Index).GetProperty("action").GetString());

        var all = await house.JsonAsync(await house.GetAsync("/v1/signals?convenant=avz-groningen"), HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("signals").GetArrayLength());

        // The party signalling first and the house are told, each with a signal id only.
        var told = await gemeente.JsonAsync(await gemeente.GetAsync("/v1/notifications"), HttpStatusCode.OK);
        var news = Assert.Single(told.GetProperty("notifications").EnumerateArray());
        Assert.Equal(("signal.match", first.GetProperty("id").GetString()), (news.GetProperty("type").GetString(), news.GetProperty("signalId").GetString()));
        var houseNews = await house.JsonAsync(await house.GetAsync("/v1/notifications"), HttpStatusCode.OK);
        Assert.Equal(second.GetProperty("id").GetString(), Assert.Single(houseNews.GetProperty("notifications").EnumerateArray()).GetProperty("signalId").GetString());
        Assert.Empty((await politie.JsonAsync(await politie.GetAsync("/v1/notifications"), HttpStatusCode.OK)).GetProperty("notifications").EnumerateArray());

        for (var i = 0L; i < log.Size; i++)
        {
            Assert.DoesNotContain(Subject, Encoding.UTF8.GetString(log.ReadLeaf(i)!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheSamePartySignallingTwice_RenewsItsSignal_AndMakesNoMatch()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "wijkcoach-4", "wijkcoach");
        var log = factory.Services.GetRequiredService<AccessLog>();

        var first = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/signals", new { convenant = "avz-groningen", subject = Subject, contactRole = "wijkcoach" }), HttpStatusCode.Created);
        var renewed = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/signals", new { convenant = "avz-groningen", subject = Subject, contactRole = "jeugdconsulent" }), HttpStatusCode.OK);

        Assert.Equal(first.GetProperty("id").GetString(), renewed.GetProperty("id").GetString());
        Assert.Equal("jeugdconsulent", renewed.GetProperty("contactRole").GetString());
        Assert.Empty(renewed.GetProperty("involved").EnumerateArray());
        var actions = Enumerable.Range(0, (int)log.Size).Select(i => Entry(log, i).GetProperty("action").GetString()).ToList();
        Assert.DoesNotContain("signal.match", actions);
        Assert.Equal(2, actions.Count(a => a == "signal.record"));
        var known = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/subjects/known", new { convenant = "avz-groningen", subject = Subject }), HttpStatusCode.OK);
        Assert.False(known.GetProperty("known").GetBoolean());
    }

    [Fact]
    public async Task IsThisPersonKnown_AnswersYesForAnActiveCaseOrAMatch_NoOtherwise_AndEachQuestionIsAnEntry()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "wijkcoach-4", "wijkcoach");
        var politie = await PartnerSystem.RegisterAsync(factory, client, "politie", "wijkagent-17", "wijkagent");
        var lentis = await PartnerSystem.RegisterAsync(factory, client, "lentis", "psychiater-2", "psychiater");
        var log = factory.Services.GetRequiredService<AccessLog>();
        async Task<bool> KnownAsync(string bsn)
        {
            var answer = await lentis.JsonAsync(await lentis.PostAsync("/v1/subjects/known", new { convenant = "avz-groningen", subject = bsn }), HttpStatusCode.OK);
            var entry = Entry(log, lentis.Logged[^1].Index);
            Assert.Equal("subject.known", entry.GetProperty("action").GetString());
            Assert.Equal(answer.GetProperty("known").GetBoolean() ? 1 : 0, entry.GetProperty("counts").GetProperty("hits").GetInt32());
            Assert.Equal(["known"], answer.EnumerateObject().Select(p => p.Name));
            return answer.GetProperty("known").GetBoolean();
        }

        Assert.False(await KnownAsync(Subject));
        await gemeente.JsonAsync(await gemeente.PostAsync("/v1/signals", new { convenant = "avz-groningen", subject = Subject, contactRole = "wijkcoach" }), HttpStatusCode.Created);
        Assert.False(await KnownAsync(Subject));
        await politie.JsonAsync(await politie.PostAsync("/v1/signals", new { convenant = "avz-groningen", subject = Subject, contactRole = "wijkagent" }), HttpStatusCode.Created);
        Assert.True(await KnownAsync(Subject));

        Assert.False(await KnownAsync(Other));
        var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = Other, reason = "Zorgen" }), HttpStatusCode.Created);
        Assert.True(await KnownAsync(Other));
        var house = await PartnerSystem.RegisterAsync(factory, client, "avz", "procesregisseur-3", "procesregisseur");
        await house.JsonAsync(await house.PutAsync("/v1/cases/" + registered.GetProperty("id").GetString() + "/status", new { status = "rejected" }), HttpStatusCode.OK);
        Assert.False(await KnownAsync(Other));
    }

    [Fact]
    public async Task ASignalPastItsValidity_Expires_WithAnEntry_AndNoLongerMatches()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "wijkcoach-4", "wijkcoach");
        var politie = await PartnerSystem.RegisterAsync(factory, client, "politie", "wijkagent-17", "wijkagent");
        var log = factory.Services.GetRequiredService<AccessLog>();
        await gemeente.JsonAsync(await gemeente.PostAsync("/v1/signals", new { convenant = "avz-groningen", subject = Subject, contactRole = "wijkcoach" }), HttpStatusCode.Created);
        await politie.JsonAsync(await politie.PostAsync("/v1/signals", new { convenant = "avz-groningen", subject = Subject, contactRole = "wijkagent" }), HttpStatusCode.Created);

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddYears(2).AddDays(-1));
        Assert.Equal(0, await ExpireAsync(factory, clock));
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(2, await ExpireAsync(factory, clock));
        Assert.Equal(0, await ExpireAsync(factory, clock));

        var expired = Enumerable.Range(0, (int)log.Size).Select(i => Entry(log, i)).Where(e => e.GetProperty("action").GetString() == "signal.expire").ToList();
        Assert.Equal(["gem-groningen", "politie"], expired.Select(e => e.GetProperty("signals")[0].GetString()).Order());
        Assert.All(expired, e => Assert.Equal("avz-exchange", e.GetProperty("party").GetString()));
        var mine = await gemeente.JsonAsync(await gemeente.GetAsync("/v1/signals?convenant=avz-groningen"), HttpStatusCode.OK);
        Assert.Empty(mine.GetProperty("signals").EnumerateArray());
        var known = await politie.JsonAsync(await politie.PostAsync("/v1/subjects/known", new { convenant = "avz-groningen", subject = Subject }), HttpStatusCode.OK);
        Assert.False(known.GetProperty("known").GetBoolean());
    }

    [Theory]
    [InlineData("avz-groningen", Subject, "Jan de Vries", "AVZ-SIGNAL-0001")]
    [InlineData("avz-groningen", Subject, "", "AVZ-SIGNAL-0001")]
    [InlineData("avz-groningen", "111222334", "wijkcoach", "AVZ-BSN-0001")]
    [InlineData("elsewhere", Subject, "wijkcoach", "AVZ-CASE-0001")]
    public async Task BadSignal_IsAProblemWithItsCode_AndStoresNothing(string convenant, string subject, string role, string code)
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "wijkcoach-4", "wijkcoach");

        await PartnerSystem.AssertProblemAsync(await gemeente.PostAsync("/v1/signals", new { convenant, subject, contactRole = role }), HttpStatusCode.BadRequest, code);

        using var scope = factory.Services.CreateScope();
        Assert.Equal(0, scope.ServiceProvider.GetRequiredService<ExchangeDbContext>().Signals.Count());
    }

    private static async Task<int> ExpireAsync(GatewayFactory factory, FakeTimeProvider clock)
    {
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var signals = new EarlySignals(
            services.GetRequiredService<ExchangeDbContext>(), services.GetRequiredService<IPolicySource>(), services.GetRequiredService<SubjectSecret>(),
            services.GetRequiredService<LoggedSave>(), services.GetRequiredService<AccessLog>(), clock, services.GetRequiredService<WriteGate>());
        return await signals.ExpireAsync(TestContext.Current.CancellationToken);
    }

    private static JsonElement Entry(AccessLog log, long index) => JsonDocument.Parse(log.ReadLeaf(index)!).RootElement.Clone();
}
