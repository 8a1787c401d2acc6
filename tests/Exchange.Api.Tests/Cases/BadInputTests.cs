using System.Net;
using System.Text.Json;
using Avz.Audit;
using Avz.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>Bad input gets a 400 problem with a stable code, and changes nothing: not the database, not the access log.</summary>
[Collection(PostgresTests.Name)]
public sealed class BadInputTests(BadInputTests.Gateways gateways) : IClassFixture<BadInputTests.Gateways>
{
    public static TheoryData<string, string, string, string, string> Inputs { get; } = Cross(["Sqlite", "Postgres"], Requests());

    private static TheoryData<string, string, string, string> Requests() => new()
    {
        // (method, path under the case or "/v1/cases...", JSON body, expected code); {case} is replaced by a real case id.
        { "POST", "/v1/cases", "{\"convenant\": \"avz-groningen\",", "AVZ-REQUEST-0001" },
        { "POST", "/v1/cases", "{\"convenant\": \"avz-groningen\", \"purpose\": 7}", "AVZ-REQUEST-0001" },
        { "POST", "/v1/cases", "", "AVZ-REQUEST-0001" },
        { "POST", "/v1/cases", "{\"convenant\": \"avz-drenthe\", \"purpose\": \"process-direction\", \"subject\": \"111222333\", \"reason\": \"x\"}", "AVZ-CASE-0001" },
        { "POST", "/v1/cases", "{\"convenant\": \"avz-groningen\", \"purpose\": \"marketing\", \"subject\": \"111222333\", \"reason\": \"x\"}", "AVZ-CASE-0002" },
        { "POST", "/v1/cases", "{\"convenant\": \"avz-groningen\", \"purpose\": \"process-direction\", \"subject\": \"111222334\", \"reason\": \"x\"}", "AVZ-BSN-0001" },
        { "POST", "/v1/cases", "{\"convenant\": \"avz-groningen\", \"purpose\": \"process-direction\", \"subject\": \"111222333\", \"reason\": \" \"}", "AVZ-CASE-0003" },
        { "POST", "/v1/cases/search", "{\"subject\": \"12345678\"}", "AVZ-BSN-0001" },
        { "POST", "{case}/information", "{\"category\": \"horoscope\", \"fields\": {\"sign\": \"leeuw\"}}", "AVZ-INFO-0001" },
        { "POST", "{case}/information", "{\"category\": \"identity\", \"fields\": {\"shoe-size\": \"44\"}}", "AVZ-INFO-0002" },
        { "POST", "{case}/information", "{\"category\": \"address-housing\", \"fields\": {\"eviction-risk\": \"yes\"}}", "AVZ-INFO-0003" },
        { "POST", "{case}/information", "{\"category\": \"identity\", \"fields\": {\"date-of-birth\": \"12-04-1988\"}}", "AVZ-INFO-0003" },
        { "POST", "{case}/information", "{\"category\": \"identity\", \"fields\": {\"gender\": \"martian\"}}", "AVZ-INFO-0003" },
        { "POST", "{case}/information", "{\"category\": \"identity\", \"fields\": {\"surname\": 42}}", "AVZ-INFO-0003" },
        { "POST", "{case}/information", "{\"category\": \"identity\", \"fields\": {\"surname\": \"" + new string('x', 201) + "\"}}", "AVZ-INFO-0004" },
        { "POST", "{case}/information", "{\"category\": \"identity\", \"fields\": {}}", "AVZ-INFO-0005" },
        { "POST", "{case}/information", "{\"category\": \"identity\", \"fields\": {\"surname\": \"Zwartveld\"", "AVZ-REQUEST-0001" },
        { "PUT", "{case}/status", "{\"status\": \"archived\"}", "AVZ-CASE-0012" },
        { "POST", "{case}/participants", "{\"party\": \"facebook\"}", "AVZ-CASE-0011" },
        { "POST", "{case}/information/emergency", "{\"justification\": \"nodig\"}", "AVZ-INFO-0007" },
        { "POST", "{case}/information/emergency", "{}", "AVZ-INFO-0007" },
        { "GET", "{case}/information?purpose=marketing", "", "AVZ-CASE-0002" },
        { "GET", "{case}/information?category=horoscope", "", "AVZ-INFO-0001" },
        { "POST", "{case}/consents", "{\"categories\": [\"health-care\"], \"recipients\": [\"gem-groningen\"], \"evidenceReference\": \"TF-1\", \"validUntil\": \"2020-01-01T00:00:00Z\"}", "AVZ-CONSENT-0002" },
        { "POST", "{case}/consents", "{\"categories\": [\"health-care\"], \"recipients\": [\"facebook\"], \"evidenceReference\": \"TF-1\", \"validUntil\": \"2099-01-01T00:00:00Z\"}", "AVZ-CONSENT-0002" },
        { "POST", "{case}/consents", "{\"categories\": [\"horoscope\"], \"recipients\": [\"gem-groningen\"], \"evidenceReference\": \"TF-1\", \"validUntil\": \"2099-01-01T00:00:00Z\"}", "AVZ-INFO-0001" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task BadInput_GetsA400ProblemWithItsCode_AndStoresNothing(string provider, string method, string path, string body, string code)
    {
        var gateway = await gateways.GetAsync(provider);
        var gemeente = gateway.Gemeente;
        var url = path.Replace("{case}", "/v1/cases/" + gateway.CaseId, StringComparison.Ordinal);
        var log = gateway.Database.Factory.Services.GetRequiredService<AccessLog>();
        var rows = gateway.Database.Counts();
        var entries = log.Size;

        var response = method switch
        {
            "GET" => await gemeente.GetAsync(url),
            "PUT" => await gemeente.SendRawAsync(HttpMethod.Put, url, body),
            _ => await gemeente.SendRawAsync(HttpMethod.Post, url, body),
        };

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        Assert.False(response.Headers.Contains("Avz-Log-Index"));
        Assert.DoesNotContain("111222333", text, StringComparison.Ordinal);
        Assert.Equal(rows, gateway.Database.Counts());
        Assert.Equal(entries, log.Size);
    }

    /// <summary>Inputs whose fault the case's policy shows, sent by a party that does not take part in the case.</summary>
    public static TheoryData<string, string, string, string, string> NonParticipantInputs { get; } = Cross(["Sqlite"], new TheoryData<string, string, string, string>
    {
        { "POST", "{case}/information", "{\"category\": \"horoscope\", \"fields\": {\"sign\": \"leeuw\"}}", "AVZ-INFO-0001" },
        { "POST", "{case}/information", "{\"category\": \"identity\", \"fields\": {\"gender\": \"martian\"}}", "AVZ-INFO-0003" },
        { "POST", "{case}/participants", "{\"party\": \"facebook\"}", "AVZ-CASE-0011" },
        { "GET", "{case}/information?purpose=marketing", "", "AVZ-CASE-0002" },
        { "POST", "{case}/consents", "{\"categories\": [\"horoscope\"], \"recipients\": [\"gem-groningen\"], \"evidenceReference\": \"TF-1\", \"validUntil\": \"2099-01-01T00:00:00Z\"}", "AVZ-INFO-0001" },
    });

    [Theory]
    [MemberData(nameof(NonParticipantInputs))]
    public async Task BadInput_FromANonParticipant_IsRefusedAsBadInput_BeforeTheParticipantCheck_AndLeavesNoEntry(string provider, string method, string path, string body, string code)
    {
        // src/Exchange/README.md: bad input is refused before anything is read, stored or logged, whoever sends it.
        var gateway = await gateways.GetAsync(provider);
        var url = path.Replace("{case}", "/v1/cases/" + gateway.CaseId, StringComparison.Ordinal);
        var log = gateway.Database.Factory.Services.GetRequiredService<AccessLog>();
        var entries = log.Size;

        var response = method switch
        {
            "GET" => await gateway.Outsider.GetAsync(url),
            _ => await gateway.Outsider.SendRawAsync(HttpMethod.Post, url, body),
        };

        await PartnerSystem.AssertProblemAsync(response, HttpStatusCode.BadRequest, code);
        Assert.Equal(entries, log.Size);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task RequestForAnotherPurpose_IsRefused_AndLogged(string provider)
    {
        // An attempt to use the case's data for another purpose than its own is not malformed: it is logged (NEN 7513).
        var gateway = await gateways.GetAsync(provider);
        var log = gateway.Database.Factory.Services.GetRequiredService<AccessLog>();

        var response = await gateway.Gemeente.GetAsync($"/v1/cases/{gateway.CaseId}/information?purpose=youth-groups");

        await PartnerSystem.AssertProblemAsync(response, HttpStatusCode.BadRequest, "AVZ-INFO-0009");
        var index = long.Parse(response.Headers.GetValues("Avz-Log-Index").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var entry = JsonDocument.Parse(log.ReadLeaf(index)!).RootElement;
        Assert.Equal("refused", entry.GetProperty("decision").GetString());
        Assert.Equal("purpose-mismatch", entry.GetProperty("reasons")[0].GetString());
        Assert.Equal(gateway.CaseId, entry.GetProperty("case").GetString());
    }

    private static TheoryData<string, string, string, string, string> Cross(string[] providers, TheoryData<string, string, string, string> requests)
    {
        var data = new TheoryData<string, string, string, string, string>();
        foreach (var provider in providers)
        {
            foreach (var row in requests)
            {
                var (method, path, body, code) = row.Data;
                data.Add(provider, method, path, body, code);
            }
        }

        return data;
    }

    /// <summary>One gateway per provider and one registered case for all inputs: each input must leave it as it was.</summary>
    public sealed class Gateways(PostgresServer postgres) : IAsyncDisposable
    {
        private readonly Dictionary<string, Gateway> started = [];
        private readonly SemaphoreSlim gate = new(1, 1);

        public async Task<Gateway> GetAsync(string provider)
        {
            await gate.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                if (!started.TryGetValue(provider, out var gateway))
                {
                    gateway = await Gateway.StartAsync(CaseDatabase.Start(provider, postgres));
                    started[provider] = gateway;
                }

                return gateway;
            }
            finally
            {
                gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var gateway in started.Values)
            {
                await gateway.Database.DisposeAsync();
            }

            gate.Dispose();
        }
    }

    public sealed class Gateway
    {
        private Gateway(CaseDatabase database, PartnerSystem gemeente, PartnerSystem outsider, string caseId)
        {
            Database = database;
            Gemeente = gemeente;
            Outsider = outsider;
            CaseId = caseId;
        }

        public CaseDatabase Database { get; }

        public PartnerSystem Gemeente { get; }

        /// <summary>A party of the convenant that does not take part in the case.</summary>
        public PartnerSystem Outsider { get; }

        public string CaseId { get; }

        public static async Task<Gateway> StartAsync(CaseDatabase database)
        {
            var gemeente = await PartnerSystem.RegisterAsync(database.Factory, database.Client, "gem-groningen", "casemanager-12", "casemanager");
            var registered = await gemeente.JsonAsync(
                await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }),
                HttpStatusCode.Created);
            var outsider = await PartnerSystem.RegisterAsync(database.Factory, database.Client, "jbn-veilig-thuis", "medewerker-2", "medewerker");
            return new Gateway(database, gemeente, outsider, registered.GetProperty("id").GetString()!);
        }
    }
}
