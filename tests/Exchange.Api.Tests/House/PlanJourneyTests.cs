using System.Net;
using System.Text;
using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Verification;
using Avz.Exchange.Api.Tests.Cases;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Avz.Exchange.House;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Avz.Exchange.Api.Tests.House;

/// <summary>
/// A case from registration through a plan of approach: actions for three partners, each partner reading only the
/// actions the convenant lets it read, an action that stalls and goes overdue, two escalation steps with their
/// notifications, and an access log that verifies.
/// </summary>
public sealed class PlanJourneyTests
{
    [Fact]
    public async Task ACase_WithAPlan_AnOverdueActionAndTwoEscalationSteps_EachPartnerSeeingItsPermittedActions_AndTheLogVerifies()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "casemanager-12", "casemanager");
        var house = await PartnerSystem.RegisterAsync(factory, client, "avz", "procesregisseur-3", "procesregisseur");
        var politie = await PartnerSystem.RegisterAsync(factory, client, "politie", "wijkagent-17", "wijkagent");
        var lentis = await PartnerSystem.RegisterAsync(factory, client, "lentis", "psychiater-2", "psychiater");
        var log = factory.Services.GetRequiredService<AccessLog>();

        var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Overlast en zorgmijding" }), HttpStatusCode.Created);
        var path = "/v1/cases/" + registered.GetProperty("id").GetString();
        await house.JsonAsync(await house.PostAsync(path + "/participants", new { party = "politie" }), HttpStatusCode.OK);
        await house.JsonAsync(await house.PostAsync(path + "/participants", new { party = "lentis" }), HttpStatusCode.OK);
        foreach (var status in new[] { "triage", "consultation", "monitoring" })
        {
            await house.JsonAsync(await house.PutAsync(path + "/status", new { status }), HttpStatusCode.OK);
        }

        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3);
        async Task<string> AddAsync(string owner, string description)
        {
            var added = await house.JsonAsync(await house.PostAsync(path + "/plan/actions", new { owner, description, due }), HttpStatusCode.Created);
            Assert.Equal("open", added.GetProperty("status").GetString());
            return added.GetProperty("id").GetString()!;
        }

        var intake = await AddAsync("lentis", "Intake bij de ggz plannen en de uitkomst terugkoppelen");
        var neighbourhood = await AddAsync("politie", "Gebiedsscan rond het adres en contact met de wijkagent");
        var housing = await AddAsync("gem-groningen", "Woonbegeleiding aanvragen");

        // Each partner reads what the plan-action rules let it read; the rest is listed with owner and reason only.
        await AssertPlanAsync(politie, path, read: [neighbourhood, housing], withheld: [intake]);
        await AssertPlanAsync(lentis, path, read: [intake, housing], withheld: [neighbourhood]);
        await AssertPlanAsync(gemeente, path, read: [intake, housing], withheld: [neighbourhood]);
        await AssertPlanAsync(house, path, read: [intake, neighbourhood, housing], withheld: []);
        var politieView = await politie.JsonAsync(await politie.GetAsync(path + "/plan"), HttpStatusCode.OK);
        var hidden = Assert.Single(politieView.GetProperty("withheld").EnumerateArray());
        Assert.Equal(["id", "owner", "reason"], hidden.EnumerateObject().Select(p => p.Name));
        Assert.Equal("not-permitted", hidden.GetProperty("reason").GetString());
        Assert.DoesNotContain("ggz", politieView.GetRawText(), StringComparison.Ordinal);

        // The owner stalls its action; another partner may not touch it; the police finish theirs.
        var stalled = await lentis.JsonAsync(await lentis.PutAsync($"{path}/plan/actions/{intake}/status", new { status = "stalled" }), HttpStatusCode.OK);
        Assert.Equal(["open", "stalled"], stalled.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()));
        await PartnerSystem.AssertProblemAsync(await politie.PutAsync($"{path}/plan/actions/{intake}/status", new { status = "done" }), HttpStatusCode.Forbidden, "AVZ-PLAN-0006");
        Assert.Equal("not-owner", Entry(log, politie.Logged[^1].Index).GetProperty("reasons")[0].GetString());
        await politie.JsonAsync(await politie.PutAsync($"{path}/plan/actions/{neighbourhood}/status", new { status = "done" }), HttpStatusCode.OK);
        await PartnerSystem.AssertProblemAsync(await politie.PutAsync($"{path}/plan/actions/{neighbourhood}/status", new { status = "open" }), HttpStatusCode.Conflict, "AVZ-PLAN-0007");

        // Not overdue on its due date; the day after, the owner's step; a week later, the direction holder's.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var dueEnd = new DateTimeOffset(due.AddDays(1).ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(due.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var clock = new FakeTimeProvider(dueEnd.AddMinutes(-1));
        Assert.Equal(0, await EscalateAsync(factory, clock));
        clock.SetUtcNow(dueEnd.AddHours(1));
        Assert.Equal(2, await EscalateAsync(factory, clock));
        Assert.Equal(0, await EscalateAsync(factory, clock));
        clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(2, await EscalateAsync(factory, clock));

        var steps = Enumerable.Range(0, (int)log.Size).Select(i => Entry(log, i)).Where(e => e.GetProperty("action").GetString() == "plan.escalate").ToList();
        var intakeSteps = steps.Where(e => e.GetProperty("planAction").GetProperty("id").GetString() == intake).ToList();
        Assert.Equal(["owner", "direction-holder"], intakeSteps.Select(e => e.GetProperty("planAction").GetProperty("step").GetString()));
        Assert.Equal(["lentis", "gem-groningen"], intakeSteps.Select(e => e.GetProperty("planAction").GetProperty("to")[0].GetString()));
        Assert.All(intakeSteps, e => Assert.Equal("stalled", e.GetProperty("planAction").GetProperty("status").GetString()));
        Assert.DoesNotContain(steps, e => e.GetProperty("planAction").GetProperty("id").GetString() == neighbourhood);

        var afterwards = await house.JsonAsync(await house.GetAsync(path + "/plan"), HttpStatusCode.OK);
        var overdue = afterwards.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("id").GetString() == intake);
        Assert.Equal(["owner", "direction-holder"], overdue.GetProperty("escalationSteps").EnumerateArray().Select(s => s.GetString()));

        // Each party is told what reached it: ids and what happened, no description.
        var lentisNews = await lentis.JsonAsync(await lentis.GetAsync("/v1/notifications"), HttpStatusCode.OK);
        Assert.Equal(["plan.action-added:", "plan.escalated:owner"], lentisNews.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("type").GetString() + ":" + (n.TryGetProperty("step", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : "")));
        Assert.DoesNotContain("ggz", lentisNews.GetRawText(), StringComparison.Ordinal);
        var gemeenteNews = await gemeente.JsonAsync(await gemeente.GetAsync("/v1/notifications"), HttpStatusCode.OK);
        Assert.Contains(gemeenteNews.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("step").GetString() == "direction-holder" && n.GetProperty("actionId").GetString() == intake);
        var cursor = gemeenteNews.GetProperty("next").GetInt64();
        Assert.Empty((await gemeente.JsonAsync(await gemeente.GetAsync($"/v1/notifications?after={cursor}"), HttpStatusCode.OK)).GetProperty("notifications").EnumerateArray());

        // The log verifies, and holds no description.
        using (IAuditStore store = new SqliteAuditStore(Path.Combine(factory.DataDirectory, "audit.db")))
        {
            var report = LogVerifier.Verify(store, NoteVerifier.Parse(log.VerifierKey));
            Assert.True(report.Succeeded, string.Join("; ", report.Findings));
            Assert.Equal(log.Size, report.Entries);
        }

        for (var i = 0L; i < log.Size; i++)
        {
            Assert.DoesNotContain("Intake", Encoding.UTF8.GetString(log.ReadLeaf(i)!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnActionLeftOpen_ClimbsEveryStepOfTheLadderInOrder_Once_EvenWhenTheJobRunsLate_AndADoneActionNever()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "casemanager-12", "casemanager");
        var house = await PartnerSystem.RegisterAsync(factory, client, "avz", "procesregisseur-3", "procesregisseur");
        var log = factory.Services.GetRequiredService<AccessLog>();
        var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "person-centred-approach", subject = "111222333", reason = "Veelpleger" }), HttpStatusCode.Created);
        var path = "/v1/cases/" + registered.GetProperty("id").GetString();
        await house.JsonAsync(await house.PostAsync(path + "/participants", new { party = "lentis" }), HttpStatusCode.OK);
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var open = (await house.JsonAsync(await house.PostAsync(path + "/plan/actions", new { owner = "lentis", description = "Behandeling hervatten", due }), HttpStatusCode.Created)).GetProperty("id").GetString();
        var finished = (await gemeente.JsonAsync(await gemeente.PostAsync(path + "/plan/actions", new { owner = "gem-groningen", description = "Schuldhulp starten", due }), HttpStatusCode.Created)).GetProperty("id").GetString();
        await gemeente.JsonAsync(await gemeente.PutAsync($"{path}/plan/actions/{finished}/status", new { status = "done" }), HttpStatusCode.OK);

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(31));
        Assert.Equal(4, await EscalateAsync(factory, clock));
        Assert.Equal(0, await EscalateAsync(factory, clock));
        clock.Advance(TimeSpan.FromDays(365));
        Assert.Equal(0, await EscalateAsync(factory, clock));

        var steps = Enumerable.Range(0, (int)log.Size).Select(i => Entry(log, i)).Where(e => e.GetProperty("action").GetString() == "plan.escalate").ToList();
        Assert.All(steps, e => Assert.Equal(open, e.GetProperty("planAction").GetProperty("id").GetString()));
        Assert.Equal(
            ["owner>lentis", "direction-holder>gem-groningen", "chain-manager>avz", "steering-group>avz"],
            steps.Select(e => e.GetProperty("planAction").GetProperty("step").GetString() + ">" + string.Join(",", e.GetProperty("planAction").GetProperty("to").EnumerateArray().Select(t => t.GetString()))));
        Assert.All(steps, e => Assert.Equal(("avz-exchange", "person-centred-approach"), (e.GetProperty("party").GetString(), e.GetProperty("purpose").GetString())));
        var houseNews = await house.JsonAsync(await house.GetAsync("/v1/notifications"), HttpStatusCode.OK);
        Assert.Equal(["chain-manager", "steering-group"], houseNews.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("step").GetString()));
    }

    [Theory]
    [InlineData("lentis", "", "AVZ-PLAN-0002")]
    [InlineData("lentis", null, "AVZ-PLAN-0003")]
    [InlineData("om", "Dagvaarding uitreiken", "AVZ-PLAN-0001")]
    public async Task BadAction_IsAProblemWithItsCode(string owner, string? description, string code)
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var house = await PartnerSystem.RegisterAsync(factory, client, "avz", "procesregisseur-3", "procesregisseur");
        var registered = await house.JsonAsync(await house.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), HttpStatusCode.Created);
        var path = "/v1/cases/" + registered.GetProperty("id").GetString();
        await house.JsonAsync(await house.PostAsync(path + "/participants", new { party = "lentis" }), HttpStatusCode.OK);
        object body = code == "AVZ-PLAN-0003" ? new { owner, description = "Intake" } : new { owner, description, due = "2030-01-01" };

        await PartnerSystem.AssertProblemAsync(await house.PostAsync(path + "/plan/actions", body), HttpStatusCode.BadRequest, code);

        using var scope = factory.Services.CreateScope();
        Assert.Equal(0, scope.ServiceProvider.GetRequiredService<ExchangeDbContext>().PlanActions.Count());
    }

    private static async Task AssertPlanAsync(PartnerSystem partner, string path, string[] read, string[] withheld)
    {
        var plan = await partner.JsonAsync(await partner.GetAsync(path + "/plan"), HttpStatusCode.OK);
        Assert.Equal(read.Order(), plan.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).Order());
        Assert.Equal(withheld.Order(), plan.GetProperty("withheld").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).Order());
        Assert.All(plan.GetProperty("actions").EnumerateArray(), a => Assert.False(string.IsNullOrEmpty(a.GetProperty("description").GetString())));
    }

    private static async Task<int> EscalateAsync(GatewayFactory factory, FakeTimeProvider clock)
    {
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var monitor = new PlanMonitor(services.GetRequiredService<ExchangeDbContext>(), services.GetRequiredService<IPolicySource>(), services.GetRequiredService<LoggedSave>(), clock);
        return await monitor.EscalateAsync(TestContext.Current.CancellationToken);
    }

    private static JsonElement Entry(AccessLog log, long index) => JsonDocument.Parse(log.ReadLeaf(index)!).RootElement.Clone();
}
