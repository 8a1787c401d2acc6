using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Avz.Exchange.Client;
using Avz.Identity;
using Microsoft.IdentityModel.Tokens;

// A load run of the case API over real HTTP: starts the gateway (Release, Development demo clients, a temporary data
// directory, request limits lifted), sets up a case with five items from four parties, then drives each operation
// with N concurrent partner calls for D seconds and prints throughput and latency percentiles.
//
//   dotnet run -c Release --project bench/Exchange.Benchmarks -- [seconds=10] [concurrency=8]
//
// Or a soak: steady open-loop load for some minutes, memory and latency per minute (see Soak.cs):
//
//   dotnet run -c Release --project bench/Exchange.Benchmarks -- soak [minutes=10] [calls/s=500]
//
// Or the information request alone at a steady open-loop rate, p50/p95/p99 and the gateway's resident memory per
// window of 30 s (issue 16's "p99 at a steady 1,000 req/s" and "steady working set"):
//
//   dotnet run -c Release --project bench/Exchange.Benchmarks -- steady [windows=4] [calls/s=1000] [connections=64]
//
// Or the review of a policy version (diff + impact) and its upload over one open case, then many (PolicyReviewRun.cs):
//
//   dotnet run -c Release --project bench/Exchange.Benchmarks -- policy-review [cases=1000] [concurrency=8]
//
// Or the request path from outside with wrk, beside a bare Kestrel endpoint with the same body (WrkRun.cs):
//
//   dotnet run -c Release --project bench/Exchange.Benchmarks -- wrk [seconds=10] [connections=8,32,64] [cases=1000]
//
// Or two gateway nodes on one PostgreSQL database, both appending to one access log, driven at once by one wrk each
// (the PostgreSQL server and the gateway's settings come from bench/on-postgres.sh, which runs this; it runs the wrk
// mode on PostgreSQL too):
//
//   bash bench/on-postgres.sh two-node [seconds=20] [connections per node=16]
//
// Or two builds side by side (another work tree's gateway as B, this one's as A), the information request on both at
// once in slices, each build's CPU per request and their ratio slice by slice (WrkRun.RunPairAsync):
//
//   AVZ_PAIR_ROOT=/path/to/other/worktree dotnet run -c Release --project bench/Exchange.Benchmarks -- pair [seconds=10] [connections=32]
//
// Every environment variable AVZ_PAIR_B_<name> is passed to B alone as <name>: a setting tried against the same build.
//
// AVZ_WRK_ROWS=supply,session runs only the rows whose name holds one of those words (and bare Kestrel).
// AVZ_WRK_SLICES=N (default 4) cuts each row's seconds into N slices; the rows of one concurrency take turns, slice by
// slice, so a drift of the machine's speed meets every row alike (percentiles are then the slices' medians).
// Every environment variable AVZ_GATEWAY_<name> is passed to the gateway as <name> (Database__Provider, say).
//
// Or field encryption per core, an answer's decryption, and new transaction ids, in BenchmarkDotNet
// (FieldCipherBenchmarks.cs, AnswerDecryptionBenchmarks.cs, TransactionIdBenchmarks.cs):
//
//   dotnet run -c Release --project bench/Exchange.Benchmarks -- cipher --filter '*FieldCipher*'
//   dotnet run -c Release --project bench/Exchange.Benchmarks -- cipher --filter '*AnswerDecryption*'
//   dotnet run -c Release --project bench/Exchange.Benchmarks -- cipher --filter '*TransactionId*'
if (args.Length > 0 && args[0] == "cipher")
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromTypes([typeof(Avz.Exchange.Benchmarks.FieldCipherBenchmarks), typeof(Avz.Exchange.Benchmarks.AnswerDecryptionBenchmarks), typeof(Avz.Exchange.Benchmarks.TransactionIdBenchmarks)]).Run(args[1..]);
    return 0;
}

var steady = args.Length > 0 && args[0] == "steady";
var soak = steady || (args.Length > 0 && args[0] == "soak");
var review = args.Length > 0 && args[0] == "policy-review";
var twoNodes = args.Length > 0 && args[0] == "two-node";
var pair = args.Length > 0 && args[0] == "pair";
var wrkRun = twoNodes || pair || (args.Length > 0 && args[0] == "wrk");
var numbers = soak || review || wrkRun ? args[1..] : args;
var otherRoot = pair ? Environment.GetEnvironmentVariable("AVZ_PAIR_ROOT") : null;
if (pair && (otherRoot is null || !Directory.Exists(Path.Combine(otherRoot, "src", "Exchange.Api"))))
{
    Console.Error.WriteLine("load: pair needs AVZ_PAIR_ROOT, the root of the other build's repository (a git worktree, say).");
    return 2;
}

var seconds = numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : steady ? 4 : 10;
var concurrency = wrkRun ? 0 : numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : steady ? 1000 : soak ? 500 : 8;
var steadyConnections = steady && numbers.Length > 2 ? int.Parse(numbers[2], CultureInfo.InvariantCulture) : steady ? 64 : 0;

// A gateway left over from another run would answer the readiness check in this one's place, with another database.
foreach (var port in (int[])[5191, 5192, 5193])
{
    using var probe = new System.Net.Sockets.TcpClient();
    try
    {
        probe.Connect(System.Net.IPAddress.Loopback, port);
        Console.Error.WriteLine($"load: port {port} is in use (another load run, or a gateway left over from one); stop it first.");
        return 2;
    }
    catch (System.Net.Sockets.SocketException)
    {
        // Free, as it should be.
    }
}

var root = Avz.Testing.RepositoryPaths.Root;
var data = Directory.CreateTempSubdirectory("avz-load-").FullName;
var url = new Uri("http://127.0.0.1:5191/");

var otherData = pair ? Directory.CreateTempSubdirectory("avz-load-").FullName : null;
using var gateway = StartGateway(url);
Process? secondNode = null;
try
{
    using var http = new HttpClient { BaseAddress = url };
    Console.Error.WriteLine("load: starting the gateway (Release build)...");
    await WaitReadyAsync(http);

    var (gemeente, house, politie, lentis, reclassering) = await PartiesAsync(http, data, url, url);
    var id = await OpenCaseAsync(gemeente, house, politie, lentis, reclassering);

    if (review)
    {
        var administrator = await PartnerAsync(http, data, url, "admin-1", "beheerder-1", IdentityScopes.PolicyAdmin);
        Task<string> OpenCase() => OpenCaseAsync(gemeente, house, politie, lentis, reclassering);

        return await PolicyReviewRun.RunAsync(http, administrator, OpenCase, Path.Combine(root, "policies", "avz-groningen.yaml"), cases: numbers.Length > 0 ? seconds : 1000, concurrency: numbers.Length > 1 ? concurrency : 8);
    }

    if (pair)
    {
        // The other build, with a database of its own, started after this one is up (two builds at once would share
        // the two cores with the first gateway's start).
        var other = new Uri("http://127.0.0.1:5193/");
        secondNode = StartGateway(other, otherRoot, otherData);
        using var otherHttp = new HttpClient { BaseAddress = other };
        await WaitReadyAsync(otherHttp);
        var (otherGemeente, otherHouse, otherPolitie, otherLentis, otherReclassering) = await PartiesAsync(otherHttp, otherData!, url, other);
        var otherId = await OpenCaseAsync(otherGemeente, otherHouse, otherPolitie, otherLentis, otherReclassering);
        return await WrkRun.RunPairAsync(
            [
                new(url, gateway.Id, new WrkTarget("A", reclassering.Token, "toezichthouder-5", [$"/v1/cases/{id}/information"])),
                new(other, secondNode.Id, new WrkTarget("B", otherReclassering.Token, "toezichthouder-5", [$"/v1/cases/{otherId}/information"])),
            ],
            root,
            otherRoot!,
            seconds,
            numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 32);
    }

    if (twoNodes)
    {
        var second = new Uri("http://127.0.0.1:5193/");
        secondNode = StartGateway(second);
        using var secondHttp = new HttpClient { BaseAddress = second };
        await WaitReadyAsync(secondHttp);
        var target = new WrkTarget("GET /v1/cases/{id}/information", reclassering.Token, "toezichthouder-5", [$"/v1/cases/{id}/information"]);
        return await WrkRun.RunNodesAsync([url, second], target, seconds, numbers.Length > 1 ? int.Parse(numbers[1], CultureInfo.InvariantCulture) : 16);
    }

    if (wrkRun)
    {
        int[] connections = numbers.Length > 1 ? [.. numbers[1].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))] : [8, 32, 64];
        var dataset = numbers.Length > 2 ? int.Parse(numbers[2], CultureInfo.InvariantCulture) : 1000;
        var supplyCase = (await Json(await politie.PostAsync("v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Load" }))).GetProperty("id").GetString()!;
        Console.Error.WriteLine($"load: seeding {dataset} cases of 10 items each...");
        var seeded = await SeedAsync(dataset, gemeente, house, politie, lentis, reclassering);
        var requesters = new[] { reclassering, politie, lentis, gemeente }.Select(p => p.Token).ToList();
        WrkTarget[] targets =
        [
            new("GET /v1/session (token and actor check)", reclassering.Token, "toezichthouder-5", ["/v1/session"]),
            new($"GET /v1/cases/{{id}}/information, {seeded.Count} cases of 10 items, 4 partners in turn", "", "toezichthouder-5", [.. seeded.Select(c => $"/v1/cases/{c}/information")], Tokens: requesters),
            new("POST /v1/cases/{id}/information (supply: encrypt 4 fields, durable entry)", politie.Token, "wijkagent-17", [$"/v1/cases/{supplyCase}/information"], "POST",
                """{"category":"police-registrations","fields":{"incident-type":"overlast","registered-on":"2026-11-02","incident-summary":"Nieuwe melding","risk-assessment":"Gelijk"}}"""),
            new("POST /v1/cases (registration: blind index, encrypt, durable entry)", gemeente.Token, "casemanager-12", ["/v1/cases"], "POST",
                """{"convenant":"avz-groningen","purpose":"process-direction","subject":"111222333","reason":"Zorgen over overlast"}"""),
            new("GET /v1/cases/{id}/information (decide, decrypt, durable entry)", reclassering.Token, "toezichthouder-5", [$"/v1/cases/{id}/information"]),
        ];
        return await WrkRun.RunAsync(url, gateway.Id, reclassering, $"/v1/cases/{id}/information", targets, seconds, connections);
    }

    if (soak)
    {
        var supplyCase = (await Json(await politie.PostAsync("v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Soak" }))).GetProperty("id").GetString()!;
        return await Soak.RunAsync(url, gateway.Id, async party => (await PartnerAsync(http, data, url, party, "soak-1")).Token, id, supplyCase, minutes: seconds, rate: concurrency, supplies: steady ? 0 : 5, window: steady ? 30 : 60, connections: steadyConnections);
    }

    Console.WriteLine($"# Case API load run: {seconds} s per operation, {concurrency} concurrent calls, gateway and load generator on this machine ({Environment.ProcessorCount} cores)");
    Console.WriteLine();
    Console.WriteLine("| operation | calls | calls/s | median ms | p90 ms | p99 ms |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
    var session = await RunAsync("GET /v1/session (token + actor check; no database, no log)", () => reclassering.GetAsync("v1/session"));
    var request = await RunAsync("GET /v1/cases/{id}/information (5 items, 22 fields: decide, decrypt, log)", () => reclassering.GetAsync($"v1/cases/{id}/information"));
    var read = await RunAsync("GET /v1/cases/{id} (decrypt subject and reason, log)", () => reclassering.GetAsync($"v1/cases/{id}"));
    var supply = await RunAsync("POST /v1/cases/{id}/information (encrypt 4 fields, commit with its log entry)", () => politie.PostAsync($"v1/cases/{id}/information", new { category = "police-registrations", fields = new Dictionary<string, object> { ["incident-type"] = "overlast", ["registered-on"] = "2026-11-02", ["incident-summary"] = "Nieuwe melding", ["risk-assessment"] = "Gelijk" } }));
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Median latency relative to /v1/session, same run: request {request / session:F2}x, read {read / session:F2}x, supply {supply / session:F2}x."));
    return 0;
}
finally
{
    foreach (var node in (Process?[])[gateway, secondNode])
    {
        if (node is not null)
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
            node.Dispose();
        }
    }

    Directory.Delete(data, recursive: true);
    if (otherData is not null)
    {
        Directory.Delete(otherData, recursive: true);
    }
}

// A gateway built from this repository, or from another root (the pair mode's other build) with a data directory of
// its own.
Process StartGateway(Uri listen, string? fromRoot = null, string? dataDirectory = null)
{
    // One build per repository, then the built gateway: two nodes must not build the same project at once.
    var build = listen == url || fromRoot is not null;
    var start = new ProcessStartInfo("dotnet", ["run", "-c", "Release", "--no-launch-profile", "--project", Path.Combine(fromRoot ?? root, "src", "Exchange.Api"), .. build ? Array.Empty<string>() : ["--no-build"], "--", "--urls", listen.ToString()])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
    start.Environment["Storage__DataDirectory"] = dataDirectory ?? data;
    start.Environment["Policies__Directory"] = Path.Combine(fromRoot ?? root, "policies");

    // Every node issues and accepts tokens under the first node's address, so a token works on all of them.
    start.Environment["Identity__Issuer"] = url.ToString();
    start.Environment["RequestLimits__PermitsPerMinutePerAddress"] = "100000000";
    start.Environment["RequestLimits__PermitsPerMinutePerClient"] = "100000000";
    start.Environment["Serilog__MinimumLevel"] = "Warning";
    foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
    {
        if (variable.Key is string name && name.StartsWith("AVZ_GATEWAY_", StringComparison.Ordinal))
        {
            start.Environment[name["AVZ_GATEWAY_".Length..]] = variable.Value as string;
        }
    }

    // The pair mode's B alone gets AVZ_PAIR_B_<name> as <name>: one build against itself with a setting changed.
    foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
    {
        if (fromRoot is not null && variable.Key is string name && name.StartsWith("AVZ_PAIR_B_", StringComparison.Ordinal))
        {
            start.Environment[name["AVZ_PAIR_B_".Length..]] = variable.Value as string;
        }
    }

    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

async Task<double> RunAsync(string name, Func<Task<HttpResponseMessage>> call)
{
    // Warm up, then measure.
    for (var i = 0; i < 50; i++)
    {
        (await call()).EnsureSuccessStatusCode();
    }

    var latencies = new List<double>[concurrency];
    var until = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
    var failures = 0;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
    {
        var own = latencies[worker] = [];
        while (Stopwatch.GetTimestamp() < until)
        {
            var begin = Stopwatch.GetTimestamp();
            using var response = await call();
            await response.Content.ReadAsByteArrayAsync();
            own.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failures);
            }
        }
    }));
    var all = latencies.SelectMany(l => l).Order().ToArray();
    if (failures > 0)
    {
        throw new InvalidOperationException($"{name}: {failures} calls failed.");
    }

    double Percentile(double p) => all[Math.Min(all.Length - 1, (int)(p * all.Length))];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {all.Length} | {all.Length / (double)seconds:F0} | {Percentile(0.5):F2} | {Percentile(0.9):F2} | {Percentile(0.99):F2} |"));
    return Percentile(0.5);
}

// The data set of issue 16: cases with 10 items each from four parties (two rounds of the five categories), opened by
// the municipality, with the police, the care provider and probation admitted by the house; 16 calls at a time.
static async Task<List<string>> SeedAsync(int count, Partner gemeente, Partner house, Partner politie, Partner lentis, Partner reclassering)
{
    var cases = new System.Collections.Concurrent.ConcurrentBag<string>();
    var started = Stopwatch.GetTimestamp();
    await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, _) =>
    {
        var subject = Bsn(n);
        var opened = (await Json(await gemeente.PostAsync("v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject, reason = "Zorgen over overlast" }))).GetProperty("id").GetString()!;
        foreach (var party in (string[])["politie", "lentis", "reclassering-nederland"])
        {
            await Json(await house.PostAsync($"v1/cases/{opened}/participants", new { party }));
        }

        for (var round = 0; round < 2; round++)
        {
            await Json(await gemeente.PostAsync($"v1/cases/{opened}/information", new { category = "identity", fields = new Dictionary<string, object> { ["given-names"] = "Jantje", ["surname"] = "Zwartveld-" + n, ["date-of-birth"] = "1988-04-12", ["gender"] = "man" } }));
            await Json(await gemeente.PostAsync($"v1/cases/{opened}/information", new { category = "address-housing", fields = new Dictionary<string, object> { ["street-address"] = "Oosterstraat 41", ["postal-code"] = "9711NV", ["residence"] = "Groningen", ["eviction-risk"] = true } }));
            await Json(await politie.PostAsync($"v1/cases/{opened}/information", new { category = "police-registrations", fields = new Dictionary<string, object> { ["incident-type"] = "overlast", ["registered-on"] = "2026-10-02", ["incident-summary"] = "Melding geluidsoverlast", ["risk-assessment"] = "Verhoogd" } }));
            await Json(await lentis.PostAsync($"v1/cases/{opened}/information", new { category = "health-care", fields = new Dictionary<string, object> { ["care-provider"] = "Lentis", ["in-treatment"] = true, ["diagnosis"] = "Psychose", ["treatment-plan"] = "Ambulant", ["crisis-plan"] = "Crisisdienst" } }));
            await Json(await reclassering.PostAsync($"v1/cases/{opened}/information", new { category = "probation", fields = new Dictionary<string, object> { ["under-supervision"] = true, ["special-conditions"] = "Meldplicht", ["recidivism-risk"] = "hoog", ["probation-officer"] = "R. de Vries" } }));
        }

        cases.Add(opened);
    });
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: seeded {count} cases ({count * 14} calls) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));
    return [.. cases.Order(StringComparer.Ordinal)];
}

// A distinct BSN per case that passes the eleven-check (9·d1 + 8·d2 + ... + 2·d8 − d9 ≡ 0 mod 11, and not 0: a
// first digit of 2 or more keeps the sum away from 0).
static string Bsn(int n)
{
    for (var prefix = 20_000_000 + (n * 37); ; prefix++)
    {
        var digits = prefix.ToString(CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (digits[i] - '0');
        }

        if (sum % 11 < 10)
        {
            return digits + (sum % 11).ToString(CultureInfo.InvariantCulture);
        }
    }
}

static async Task WaitReadyAsync(HttpClient http)
{
    for (var attempt = 0; attempt < 240; attempt++)
    {
        try
        {
            if ((await http.GetAsync("health/ready")).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }

        await Task.Delay(500);
    }

    throw new TimeoutException("The gateway did not become ready in two minutes.");
}

// The five parties of the load run's case on one gateway node (http and node); tokens are issued under issuer.
static async Task<(Partner Gemeente, Partner House, Partner Politie, Partner Lentis, Partner Reclassering)> PartiesAsync(HttpClient http, string data, Uri issuer, Uri node) => (
    await PartnerAsync(http, data, issuer, "gem-groningen", "casemanager-12", node: node),
    await PartnerAsync(http, data, issuer, "avz", "procesregisseur-3", node: node),
    await PartnerAsync(http, data, issuer, "politie", "wijkagent-17", node: node),
    await PartnerAsync(http, data, issuer, "lentis", "psychiater-8", node: node),
    await PartnerAsync(http, data, issuer, "reclassering-nederland", "toezichthouder-5", node: node));

// The case of the load run: five items from four parties, opened by the municipality, with the police, the care
// provider and probation admitted by the house.
static async Task<string> OpenCaseAsync(Partner gemeente, Partner house, Partner politie, Partner lentis, Partner reclassering)
{
    var id = (await Json(await gemeente.PostAsync("v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen over overlast" }))).GetProperty("id").GetString()!;
    foreach (var party in (string[])["politie", "lentis", "reclassering-nederland"])
    {
        await Json(await house.PostAsync($"v1/cases/{id}/participants", new { party }));
    }

    await Json(await gemeente.PostAsync($"v1/cases/{id}/information", new { category = "identity", fields = new Dictionary<string, object> { ["given-names"] = "Jantje", ["surname"] = "Zwartveld", ["date-of-birth"] = "1988-04-12", ["gender"] = "man" } }));
    await Json(await gemeente.PostAsync($"v1/cases/{id}/information", new { category = "address-housing", fields = new Dictionary<string, object> { ["street-address"] = "Oosterstraat 41", ["postal-code"] = "9711NV", ["residence"] = "Groningen", ["eviction-risk"] = true } }));
    await Json(await politie.PostAsync($"v1/cases/{id}/information", new { category = "police-registrations", fields = new Dictionary<string, object> { ["incident-type"] = "overlast", ["registered-on"] = "2026-10-02", ["incident-summary"] = "Melding geluidsoverlast", ["risk-assessment"] = "Verhoogd" } }));
    await Json(await lentis.PostAsync($"v1/cases/{id}/information", new { category = "health-care", fields = new Dictionary<string, object> { ["care-provider"] = "Lentis", ["in-treatment"] = true, ["diagnosis"] = "Psychose", ["treatment-plan"] = "Ambulant", ["crisis-plan"] = "Crisisdienst" } }));
    await Json(await reclassering.PostAsync($"v1/cases/{id}/information", new { category = "probation", fields = new Dictionary<string, object> { ["under-supervision"] = true, ["special-conditions"] = "Meldplicht", ["recidivism-risk"] = "hoog", ["probation-officer"] = "R. de Vries" } }));
    return id;
}

// A partner's client on a gateway node (node, or issuer when null) with a token issued under issuer.
static async Task<Partner> PartnerAsync(HttpClient http, string data, Uri issuer, string party, string actor, string scope = IdentityScopes.Exchange, Uri? node = null)
{
    var clientId = "dev-" + party;
    var jwk = new JsonWebKey(await File.ReadAllTextAsync(Path.Combine(data, "dev-clients", clientId + ".jwk")));
    using var form = new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ["client_assertion"] = ClientAssertion.Create(clientId, issuer, ClientKey.FromJwk(jwk), DateTimeOffset.UtcNow),
        ["scope"] = scope,
    });
    var token = (await Json(await http.PostAsync("connect/token", form))).GetProperty("access_token").GetString()!;
    var client = new HttpClient { BaseAddress = node ?? issuer };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    client.DefaultRequestHeaders.Add("Avz-Actor-Id", actor);
    client.DefaultRequestHeaders.Add("Avz-Actor-Role", "professional");
    return new Partner(client, token);
}

static async Task<JsonElement> Json(HttpResponseMessage response)
{
    var text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
}

internal sealed class Partner(HttpClient client, string token)
{
    public string Token => token;

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(new Uri(path, UriKind.Relative));

    public Task<HttpResponseMessage> PostAsync(string path, object body) => client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent content) =>
        client.SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content });
}
