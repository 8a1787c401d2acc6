using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Notes;
using Avz.Audit.Verification;
using Avz.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>
/// The privacy officer's API over HTTP with real tokens, on SQLite and on a real PostgreSQL: search of the log index,
/// the subject access report with a proof per line, separation of duties, and two nodes sharing one PostgreSQL.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class OversightTests(PostgresServer postgres)
{
    private const string Bsn = "111222333";
    private const string Justification = "Acuut gevaar voor de buren; crisisplan nodig voor de inzet vannacht";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AfterACaseJourney_SearchAndSubjectReportFindExactlyItsEntries_AndEveryProofVerifies(string provider)
    {
        await using var factory = new GatewayFactory(Settings(provider));
        using var client = factory.CreateClient();
        var (gemeente, id) = await JourneyAsync(factory, client);
        var officer = await PartnerSystem.PrivacyOfficerAsync(factory, client, "avz", "fg-1");
        var log = factory.Services.GetRequiredService<AccessLog>();

        // Search by case, page by page: exactly the case's entries, newest first, each the entry as logged.
        var expected = Entries(log).Where(e => e.Json.TryGetProperty("case", out var c) && c.GetString() == id).Select(e => e.Index).Reverse().ToList();
        var found = new List<long>();
        string? cursor = null;
        do
        {
            var page = await officer.JsonAsync(await officer.GetAsync($"/v1/audit/search?case={id}&limit=3" + (cursor is null ? "" : "&cursor=" + cursor)), HttpStatusCode.OK);
            foreach (var hit in page.GetProperty("items").EnumerateArray())
            {
                var index = hit.GetProperty("index").GetInt64();
                Assert.Equal(System.Text.Encoding.UTF8.GetString(log.ReadLeaf(index)!), hit.GetProperty("entry").GetRawText());
                found.Add(index);
            }

            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);
        Assert.Equal(expected, found);
        var searchEntry = Entry(log, officer.Logged[^1].Index);
        Assert.Equal("audit.search", searchEntry.GetProperty("action").GetString());
        Assert.Equal(id, searchEntry.GetProperty("case").GetString());
        Assert.Equal(id, searchEntry.GetProperty("query").GetProperty("case").GetString());

        var emergencies = await officer.JsonAsync(await officer.GetAsync("/v1/audit/search?action=information.emergency&emergency=true"), HttpStatusCode.OK);
        var query = Entry(log, officer.Logged[^1].Index).GetProperty("query");
        Assert.Equal("information.emergency", query.GetProperty("action").GetString());
        Assert.True(query.GetProperty("emergency").GetBoolean());
        Assert.Equal(gemeente.Logged.Single(l => l.Path.EndsWith("/emergency", StringComparison.Ordinal)).Index, Assert.Single(emergencies.GetProperty("items").EnumerateArray()).GetProperty("index").GetInt64());

        // The subject report: every entry about the person before the report, each proven against the report's checkpoint.
        var pseudonym = Entry(log, gemeente.Logged[0].Index).GetProperty("subject").GetString();
        var report = await officer.JsonAsync(await officer.PostAsync("/v1/audit/subject-report", new { subject = Bsn }), HttpStatusCode.OK);
        var reportIndex = officer.Logged[^1].Index;
        var about = Entries(log).Where(e => e.Index < reportIndex && e.Json.TryGetProperty("subject", out var s) && s.GetString() == pseudonym).Select(e => e.Index).ToList();
        Assert.True(about.Count >= 8, "the journey touched the person at least eight times");
        Assert.Equal(about, report.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("index").GetInt64()));
        var key = NoteVerifier.Parse(report.GetProperty("logKey").GetString()!);
        Assert.Equal(log.VerifierKey, report.GetProperty("logKey").GetString());
        var checkpoint = report.GetProperty("checkpoint").GetString()!;
        foreach (var line in report.GetProperty("entries").EnumerateArray())
        {
            var proof = line.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToArray();
            Assert.True(LogVerifier.VerifyReceipt(Convert.FromBase64String(line.GetProperty("leaf").GetString()!), line.GetProperty("index").GetInt64(), proof, checkpoint, key, out var problem), problem);
        }

        var emergencyLine = report.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "information.emergency");
        Assert.True(emergencyLine.GetProperty("emergency").GetBoolean());
        Assert.Equal("Gemeente Groningen", emergencyLine.GetProperty("organisation").GetString());
        Assert.NotEmpty(emergencyLine.GetProperty("legalBasis").EnumerateArray());
        var reportEntry = Entry(log, reportIndex);
        Assert.Equal("audit.subject-report", reportEntry.GetProperty("action").GetString());
        Assert.Equal(pseudonym, reportEntry.GetProperty("subject").GetString());
        Assert.Equal(about.Count, reportEntry.GetProperty("counts").GetProperty("hits").GetInt64());

        // As CSV, for the person's representative: a header and one line per entry.
        var csv = await officer.SendContentAsync(HttpMethod.Post, "/v1/audit/subject-report", JsonContent.Create(new { subject = Bsn }), "text/csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("index,time,party,organisation,role,action", rows[0], StringComparison.Ordinal);
        Assert.Equal(about.Count + 1, rows.Length - 1);
        Assert.DoesNotContain(rows, r => r.Contains(Bsn, StringComparison.Ordinal));

        // Bad input changes nothing: no entry, a coded problem.
        var before = officer.Logged.Count;
        await PartnerSystem.AssertProblemAsync(await officer.GetAsync("/v1/audit/search?action=case.steal"), HttpStatusCode.BadRequest, "AVZ-AUDIT-0009");
        await PartnerSystem.AssertProblemAsync(await officer.GetAsync("/v1/audit/search?cursor=abc"), HttpStatusCode.BadRequest, "AVZ-AUDIT-0010");
        await PartnerSystem.AssertProblemAsync(await officer.PostAsync("/v1/audit/subject-report", new { subject = "123" }), HttpStatusCode.BadRequest, "AVZ-BSN-0001");
        Assert.Equal(before, officer.Logged.Count);

        // Separation of duties: a partner's token reaches neither, and each refusal is an entry.
        var size = log.Size;
        await PartnerSystem.AssertProblemAsync(await gemeente.GetAsync($"/v1/audit/search?case={id}"), HttpStatusCode.Forbidden, "AVZ-HTTP-0403");
        await PartnerSystem.AssertProblemAsync(await gemeente.PostAsync("/v1/audit/subject-report", new { subject = Bsn }), HttpStatusCode.Forbidden, "AVZ-HTTP-0403");
        await log.CheckpointAsync();
        var refusals = Entries(log).Where(e => e.Index >= size).Select(e => e.Json).ToList();
        Assert.Equal(2, refusals.Count(r => r.GetProperty("action").GetString() == "access.refused" && r.GetProperty("party").GetString() == "gem-groningen"));
        Assert.Contains(refusals, r => r.GetProperty("operation").GetString() == "SearchAccessLog");
        Assert.Contains(refusals, r => r.GetProperty("operation").GetString() == "MakeSubjectReport");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TheEmergencyAccess_IsInTheReviewQueue_AndAVerdictClosesIt_AsAnEntryOfItsOwn(string provider)
    {
        // Office hours span the whole week here, so the test does not depend on when it runs; each rule is tested on
        // constructed rows in AnomalyRuleTests. Over HTTP: the journey trips no rule but the emergency, fishing does.
        var settings = Settings(provider);
        settings["Review:OfficeHoursStart"] = "00:00:00";
        settings["Review:OfficeHoursEnd"] = "1.00:00:00";
        settings["Review:WeekendsOutsideOfficeHours"] = "false";
        await using var factory = new GatewayFactory(settings);
        using var client = factory.CreateClient();
        var (gemeente, id) = await JourneyAsync(factory, client);
        var officer = await PartnerSystem.PrivacyOfficerAsync(factory, client, "avz", "fg-1");
        var log = factory.Services.GetRequiredService<AccessLog>();
        var emergency = gemeente.Logged.Single(l => l.Path.EndsWith("/emergency", StringComparison.Ordinal)).Index;

        var queue = await officer.JsonAsync(await officer.GetAsync("/v1/audit/reviews"), HttpStatusCode.OK);
        var item = Assert.Single(queue.GetProperty("items").EnumerateArray());
        Assert.Equal(emergency, item.GetProperty("index").GetInt64());
        Assert.Equal(["emergency"], item.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("open", item.GetProperty("state").GetString());
        Assert.Equal("information.emergency", item.GetProperty("entry").GetProperty("action").GetString());
        Assert.Equal("audit.read-reviews", Entry(log, officer.Logged[^1].Index).GetProperty("action").GetString());

        // Escalated stays open for a final verdict; justified closes it; a closed review takes no further verdict.
        var escalated = await officer.JsonAsync(await officer.PostAsync($"/v1/audit/reviews/{emergency}/verdict", new { verdict = "escalated", comment = "Doorgezet naar de FG van de gemeente" }), HttpStatusCode.OK);
        Assert.Equal("escalated", escalated.GetProperty("state").GetString());
        Assert.Single((await officer.JsonAsync(await officer.GetAsync("/v1/audit/reviews?state=escalated"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        Assert.Empty((await officer.JsonAsync(await officer.GetAsync("/v1/audit/reviews?state=open"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
        var closed = await officer.JsonAsync(await officer.PostAsync($"/v1/audit/reviews/{emergency}/verdict", new { verdict = "justified", comment = "Crisisplan was nodig; gesproken met de procesregisseur" }), HttpStatusCode.OK);
        Assert.Equal("justified", closed.GetProperty("state").GetString());
        Assert.Equal(2, closed.GetProperty("verdicts").GetArrayLength());
        var verdictIndex = officer.Logged[^1].Index;
        await PartnerSystem.AssertProblemAsync(await officer.PostAsync($"/v1/audit/reviews/{emergency}/verdict", new { verdict = "not-justified", comment = "Toch niet" }), HttpStatusCode.Conflict, "AVZ-AUDIT-0015");

        // The verdict is an entry: what it refers to, the verdict, and a commitment to the comment kept beside the log.
        var verdictEntry = Entry(log, verdictIndex);
        Assert.Equal("audit.review-verdict", verdictEntry.GetProperty("action").GetString());
        Assert.Equal(emergency, verdictEntry.GetProperty("refersTo").GetInt64());
        Assert.Equal("justified", verdictEntry.GetProperty("verdict").GetString());
        Assert.Equal(id, verdictEntry.GetProperty("case").GetString());
        Assert.DoesNotContain("Crisisplan", System.Text.Encoding.UTF8.GetString(log.ReadLeaf(verdictIndex)!), StringComparison.Ordinal);
        var comment = await officer.JsonAsync(await officer.GetAsync($"/v1/audit/entries/{verdictIndex}/justification"), HttpStatusCode.OK);
        Assert.Equal("Crisisplan was nodig; gesproken met de procesregisseur", comment.GetProperty("text").GetString());

        // Bad input changes nothing.
        var before = officer.Logged.Count;
        var register = gemeente.Logged[0].Index;
        await PartnerSystem.AssertProblemAsync(await officer.PostAsync($"/v1/audit/reviews/{register}/verdict", new { verdict = "justified", comment = "x" }), HttpStatusCode.NotFound, "AVZ-AUDIT-0014");
        await PartnerSystem.AssertProblemAsync(await officer.PostAsync($"/v1/audit/reviews/{emergency}/verdict", new { verdict = "fine", comment = "x" }), HttpStatusCode.BadRequest, "AVZ-AUDIT-0012");
        await PartnerSystem.AssertProblemAsync(await officer.PostAsync($"/v1/audit/reviews/{emergency}/verdict", new { verdict = "justified", comment = " " }), HttpStatusCode.BadRequest, "AVZ-AUDIT-0013");
        await PartnerSystem.AssertProblemAsync(await officer.GetAsync("/v1/audit/reviews?state=done"), HttpStatusCode.BadRequest, "AVZ-AUDIT-0012");
        Assert.Equal(before, officer.Logged.Count);

        // A partner cannot give verdicts, and the attempt is logged.
        await PartnerSystem.AssertProblemAsync(await gemeente.PostAsync($"/v1/audit/reviews/{emergency}/verdict", new { verdict = "justified", comment = "zelf goedgekeurd" }), HttpStatusCode.Forbidden, "AVZ-HTTP-0403");

        // Fishing: three searches by the prosecution, which takes part in no case, within the hour.
        var om = await PartnerSystem.RegisterAsync(factory, client, "om", "officier-4", "officier");
        foreach (var bsn in (string[])["123456782", Bsn, "999999990"])
        {
            await om.JsonAsync(await om.PostAsync("/v1/cases/search", new { subject = bsn }), HttpStatusCode.OK);
        }

        var fishing = await officer.JsonAsync(await officer.GetAsync("/v1/audit/reviews?state=open"), HttpStatusCode.OK);
        var flagged = Assert.Single(fishing.GetProperty("items").EnumerateArray());
        Assert.Equal(om.Logged[^1].Index, flagged.GetProperty("index").GetInt64());
        Assert.Equal(["fishing"], flagged.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task IntegrityVerification_RunsInTheBackground_AndFindsAnIndexRowThatLies()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var (_, id) = await JourneyAsync(factory, client);
        var officer = await PartnerSystem.PrivacyOfficerAsync(factory, client, "avz", "fg-1");
        var log = factory.Services.GetRequiredService<AccessLog>();
        await log.CheckpointAsync();

        var before = await officer.JsonAsync(await officer.GetAsync("/v1/audit/integrity"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("lastVerification").ValueKind);
        Assert.StartsWith("test.avz/access-log\n", before.GetProperty("latestCheckpoint").GetString(), StringComparison.Ordinal);

        var clean = await VerifyAsync(officer);
        Assert.True(clean.GetProperty("succeeded").GetBoolean(), clean.ToString());
        Assert.Equal(clean.GetProperty("total").GetInt64(), clean.GetProperty("verified").GetInt64());
        Assert.Equal("audit.verify", Entry(log, officer.Logged[^1].Index).GetProperty("action").GetString());

        // The index is derived data, so nothing stops a change to it but this check.
        var row = log.Search(new Avz.Audit.Index.LogQuery { Case = id, Action = "case.register" }).Single().Index;
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Avz.Audit.Storage.SqliteAuditStore.IndexFile(Path.Combine(factory.DataDirectory, "audit.db"))};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE audit_index SET actor = 'someone-else' WHERE idx = {row}";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var dirty = await VerifyAsync(officer);
        Assert.False(dirty.GetProperty("succeeded").GetBoolean());
        Assert.Empty(dirty.GetProperty("findings").EnumerateArray());
        Assert.Equal([row], dirty.GetProperty("indexDifferences").EnumerateArray().Select(i => i.GetInt64()));
    }

    [Fact]
    public async Task TheLdvExport_HasOneRecordPerSubjectPerAction_Pseudonymised()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        var (gemeente, _) = await JourneyAsync(factory, client);
        var officer = await PartnerSystem.PrivacyOfficerAsync(factory, client, "avz", "fg-1");
        var log = factory.Services.GetRequiredService<AccessLog>();
        var about = Entries(log).Where(e => e.Json.TryGetProperty("subject", out _)).ToList();

        var to = DateTimeOffset.UtcNow.AddSeconds(1);
        var response = await officer.GetAsync($"/v1/audit/export/ldv?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jsonl", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var records = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

        Assert.Equal(about.Count, records.Count);
        Assert.DoesNotContain(Bsn, text, StringComparison.Ordinal);
        var pseudonym = Entry(log, gemeente.Logged[0].Index).GetProperty("subject").GetString();
        foreach (var (record, entry) in records.Zip(about))
        {
            Assert.Matches("^[0-9a-f]{32}$", record.GetProperty("trace_id").GetString());
            Assert.Equal(entry.Index.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), record.GetProperty("span_id").GetString());
            Assert.Equal(entry.Json.GetProperty("action").GetString(), record.GetProperty("name").GetString());
            Assert.Equal(entry.Json.GetProperty("time").GetString(), record.GetProperty("start_time").GetString());
            var attributes = record.GetProperty("attributes");
            Assert.Equal(pseudonym, attributes.GetProperty("dpl.core.data_subject_id").GetString());
            Assert.Equal("avz-pseudonym", attributes.GetProperty("dpl.core.data_subject_id_type").GetString());
        }

        var request = records.First(r => r.GetProperty("name").GetString() == "information.request");
        Assert.Equal("urn:avz-groningen:verwerkingsactiviteit:procesregie-complexe-casuistiek", request.GetProperty("attributes").GetProperty("dpl.core.processing_activity_id").GetString());
        Assert.Equal("OK", request.GetProperty("status").GetString());
        var export = Entry(log, officer.Logged[^1].Index);
        Assert.Equal("audit.export", export.GetProperty("action").GetString());
        Assert.Equal(records.Count, export.GetProperty("counts").GetProperty("hits").GetInt32());
        await PartnerSystem.AssertProblemAsync(await officer.GetAsync("/v1/audit/export/ldv"), HttpStatusCode.BadRequest, "AVZ-AUDIT-0009");
    }

    [Fact]
    public async Task TwoNodesSharingOnePostgres_ASearchOnOneFindsEntriesAppendedThroughTheOther()
    {
        var settings = Settings("Postgres");
        await using var first = new GatewayFactory(settings);
        await using var second = new GatewayFactory(settings);
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        var (_, id) = await JourneyAsync(first, firstClient);

        var officer = await PartnerSystem.PrivacyOfficerAsync(second, secondClient, "avz", "fg-2");
        var page = await officer.JsonAsync(await officer.GetAsync($"/v1/audit/search?case={id}&action=case.register"), HttpStatusCode.OK);
        var hit = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("gem-groningen", hit.GetProperty("entry").GetProperty("party").GetString());
    }

    private static async Task<JsonElement> VerifyAsync(PartnerSystem officer)
    {
        var started = await officer.PostAsync("/v1/audit/integrity/verify", new { });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("/v1/audit/integrity", started.Headers.Location!.OriginalString);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var state = (await officer.JsonAsync(await officer.GetAsync("/v1/audit/integrity"), HttpStatusCode.OK)).GetProperty("lastVerification");
            if (state.GetProperty("state").GetString() != "running")
            {
                Assert.Equal("finished", state.GetProperty("state").GetString());
                return state;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("the verification did not finish in 30 s");
    }

    private Dictionary<string, string?> Settings(string provider) => provider == "Postgres"
        ? new()
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = postgres.CreateDatabase(),
            ["Audit:Store"] = "Postgres",
            ["Audit:ConnectionString"] = postgres.CreateDatabase(),
        }
        : [];

    /// <summary>Register, admit, supply, request, emergency: the traffic a privacy officer later looks into.</summary>
    private static async Task<(PartnerSystem Gemeente, string Id)> JourneyAsync(GatewayFactory factory, HttpClient client)
    {
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "casemanager-12", "casemanager");
        var house = await PartnerSystem.RegisterAsync(factory, client, "avz", "procesregisseur-3", "procesregisseur");
        var politie = await PartnerSystem.RegisterAsync(factory, client, "politie", "wijkagent-17", "wijkagent");
        var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = Bsn, reason = "Zorgen" }), HttpStatusCode.Created);
        var id = registered.GetProperty("id").GetString()!;
        var path = "/v1/cases/" + id;
        await house.JsonAsync(await house.PostAsync(path + "/participants", new { party = "politie" }), HttpStatusCode.OK);
        await house.JsonAsync(await house.PostAsync(path + "/participants", new { party = "lentis" }), HttpStatusCode.OK);
        await gemeente.JsonAsync(await gemeente.PostAsync(path + "/information", new { category = "identity", fields = new Dictionary<string, object> { ["surname"] = "Zwartveld" } }), HttpStatusCode.Created);
        await politie.JsonAsync(await politie.PostAsync(path + "/information", new { category = "police-registrations", fields = new Dictionary<string, object> { ["incident-type"] = "overlast" } }), HttpStatusCode.Created);
        await gemeente.JsonAsync(await gemeente.GetAsync(path + "/information"), HttpStatusCode.OK);
        await politie.JsonAsync(await politie.GetAsync(path), HttpStatusCode.OK);
        await gemeente.JsonAsync(await gemeente.PostAsync(path + "/information/emergency", new { justification = Justification }), HttpStatusCode.OK);
        await politie.JsonAsync(await politie.PostAsync("/v1/cases/search", new { subject = Bsn }), HttpStatusCode.OK);
        return (gemeente, id);
    }

    private static IEnumerable<(long Index, JsonElement Json)> Entries(AccessLog log) =>
        log.ReadLeaves(0, log.Size).Select(e => (e.Index, JsonDocument.Parse(e.Leaf).RootElement.Clone()));

    private static JsonElement Entry(AccessLog log, long index) => JsonDocument.Parse(log.ReadLeaf(index)!).RootElement.Clone();
}
