using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Avz.Exchange.Api.Tests.Cases;

namespace Avz.Exchange.Api.Tests.House;

/// <summary><c>GET /v1/trends</c>: counts from case metadata, every count from 1 to 4 and every count that gives one away hidden.</summary>
public sealed class TrendTests
{
    [Fact]
    public async Task Trends_CountCasesPerMunicipalityAndStatus_WithSmallCellsSuppressed_AsJsonAndCsv()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "casemanager-12", "casemanager");
        var house = await PartnerSystem.RegisterAsync(factory, client, "avz", "procesregisseur-3", "procesregisseur");
        for (var i = 0; i < 7; i++)
        {
            var created = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), HttpStatusCode.Created);
            Assert.Equal("gem-groningen", created.GetProperty("municipality").GetString());
            if (i < 5)
            {
                var path = "/v1/cases/" + created.GetProperty("id").GetString() + "/status";
                await house.JsonAsync(await house.PutAsync(path, new { status = "triage" }), HttpStatusCode.OK);
                await house.JsonAsync(await house.PutAsync(path, new { status = "consultation" }), HttpStatusCode.OK);
            }
        }

        await house.JsonAsync(await house.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "youth-groups", subject = "111222333", reason = "Zorgen", municipality = "gem-pekela" }), HttpStatusCode.Created);

        var report = await gemeente.JsonAsync(await gemeente.GetAsync("/v1/trends?convenant=avz-groningen"), HttpStatusCode.OK);

        Assert.Equal(["registered", "triage", "active", "closed"], report.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var quarters = report.GetProperty("quarters").EnumerateArray().ToList();
        Assert.Equal(4, quarters.Count);
        var now = quarters[^1].GetProperty("byMunicipality");
        var groningen = Row(now, "gem-groningen");
        Assert.Equal("<5", groningen.GetProperty("cells")[0].GetProperty("shown").GetString());
        Assert.Equal(JsonValueKind.Null, groningen.GetProperty("cells")[0].GetProperty("count").ValueKind);
        Assert.Equal("<5", Row(now, "gem-pekela").GetProperty("total").GetProperty("shown").GetString());
        foreach (var cell in quarters.SelectMany(q => Tables(q)).SelectMany(Cells))
        {
            Assert.False(cell.GetProperty("count").ValueKind == JsonValueKind.Number && cell.GetProperty("count").GetInt32() is >= 1 and <= 4);
        }

        var quarter = quarters[^1].GetProperty("quarter").GetString();
        var csv = await gemeente.SendContentAsync(HttpMethod.Get, $"/v1/trends?convenant=avz-groningen&from={quarter}&to={quarter}", null!, "text/csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("quarter,table,key,name,registered,triage,active,closed,total,median_days_to_consultation", lines[0]);
        Assert.Contains(lines, l => l.StartsWith(quarter + ",municipality,gem-groningen,Gemeente Groningen,<5,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/v1/trends?convenant=avz-groningen&from=2026-Q5", "AVZ-TREND-0001")]
    [InlineData("/v1/trends?convenant=avz-groningen&from=2027-Q1&to=2026-Q1", "AVZ-TREND-0001")]
    [InlineData("/v1/trends?convenant=avz-groningen&from=2000-Q1&to=2026-Q1", "AVZ-TREND-0001")]
    [InlineData("/v1/trends?convenant=elsewhere", "AVZ-CASE-0001")]
    [InlineData("/v1/trends", "AVZ-CASE-0001")]
    public async Task Trends_BadQuery_IsAProblemWithItsCode(string path, string code)
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "casemanager-12", "casemanager");

        await PartnerSystem.AssertProblemAsync(await gemeente.GetAsync(path), HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Register_MunicipalityThatIsNotOne_IsRefusedWithItsCode()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var house = await PartnerSystem.RegisterAsync(factory, client, "avz", "procesregisseur-3", "procesregisseur");

        var response = await house.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen", municipality = "politie" });

        await PartnerSystem.AssertProblemAsync(response, HttpStatusCode.BadRequest, "AVZ-CASE-0015");
    }

    private static JsonElement Row(JsonElement table, string key) => table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == key);

    private static IEnumerable<JsonElement> Tables(JsonElement quarter) => [quarter.GetProperty("byMunicipality"), quarter.GetProperty("byPurpose")];

    private static IEnumerable<JsonElement> Cells(JsonElement table) =>
        table.GetProperty("rows").EnumerateArray().Append(table.GetProperty("total"))
            .SelectMany(r => r.GetProperty("cells").EnumerateArray().Append(r.GetProperty("total")));
}
