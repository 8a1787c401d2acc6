using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Verification;

namespace Avz.Exchange.Api.Tests.Hostile;

/// <summary>
/// The real gateway under mixed load (supplies and requests from eight workers), killed with SIGKILL at a random
/// moment, restarted, again and again. After every restart: every acknowledged supply is readable, every
/// acknowledged call has its entry (same index, same transaction id), every supply entry whose items were never
/// stored has a not-stored entry, and the log verifies. Rounds: AVZ_CRASH_ROUNDS (default 3; 20 on demand).
/// </summary>
public sealed class GatewayCrashTests
{
    private const int Workers = 8;

    [Fact]
    public async Task KilledUnderLoad_RestartsWithEveryAcknowledgedCallLogged_AndEveryOrphanEntryMarked()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("AVZ_CRASH_ROUNDS"), out var configured) ? configured : 3;
        var scratch = Directory.CreateTempSubdirectory("avz-crash-");
        var random = new Random(Environment.TickCount);
        try
        {
            using var gateway = new RealGateway(scratch.FullName);
            await gateway.StartAsync();
            var key = await gateway.AddClientAsync("politie-lms", "politie");
            var acknowledged = new ConcurrentBag<Acknowledged>();
            var cases = new List<string>();
            for (var round = 0; round < rounds; round++)
            {
                if (round > 0)
                {
                    await gateway.StartAsync();
                }

                var token = await gateway.TokenAsync("politie-lms", key);
                while (cases.Count < Workers)
                {
                    var (status, body, _, _) = await SendAsync(gateway.Http, token, HttpMethod.Post, "/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" });
                    Assert.Equal(HttpStatusCode.Created, status);
                    cases.Add(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
                }

                using var stop = new CancellationTokenSource();
                var load = Enumerable.Range(0, Workers).Select(worker => Task.Run(() => LoadAsync(gateway.Http, token, cases[worker], acknowledged, stop.Token))).ToArray();
                await Task.Delay(random.Next(300, 1500), TestContext.Current.CancellationToken);
                await gateway.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(load);
            }

            // A last start: it reconciles what the last kill cut off, before it serves.
            await gateway.StartAsync();
            var reader = await gateway.TokenAsync("politie-lms", key);
            Assert.True(acknowledged.Count(a => a.Item is not null) >= rounds, $"only {acknowledged.Count} calls were acknowledged");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in cases)
            {
                var (status, body, _, _) = await SendAsync(gateway.Http, reader, HttpMethod.Get, $"/v1/cases/{id}/information", null);
                Assert.Equal(HttpStatusCode.OK, status);
                foreach (var item in JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray())
                {
                    seen.Add(item.GetProperty("id").GetString()!);
                }
            }

            Assert.All(acknowledged.Where(a => a.Item is not null), a => Assert.Contains(a.Item!, seen));
            await gateway.KillAsync();

            using var store = new SqliteAuditStore(Path.Combine(gateway.DataDirectory, AccessLogOptions.DatabaseFile));
            var leaves = store.ReadEntries(0, long.MaxValue).ToDictionary(e => e.Index, e => e.Leaf);
            foreach (var call in acknowledged)
            {
                Assert.True(leaves.TryGetValue(call.Index, out var leaf), $"acknowledged entry {call.Index} is missing");
                Assert.True(LeafEncoding.TryDecode(leaf, out var entry, out _));
                Assert.Equal(call.TransactionId, entry!.TransactionId);
            }

            var entries = leaves.Select(l => LeafEncoding.TryDecode(l.Value, out var e, out _) ? e! : throw new InvalidOperationException($"entry {l.Key} is not a v2 leaf")).ToList();
            var marked = entries.Where(e => e.Decision == EntryDecision.Error && e.Reasons.Contains(EntryReason.NotStored)).Select(e => e.RefersTo).ToHashSet();
            var orphans = entries.Where(e => e.Action == EntryAction.InformationSupply && e.Decision == EntryDecision.Permitted && !e.Items.All(seen.Contains)).ToList();
            Assert.All(orphans, o => Assert.Contains(o.Index, marked));
            Assert.All(marked, m => Assert.DoesNotContain(entries[(int)m!.Value].Items, seen.Contains));

            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{rounds} kills: {acknowledged.Count} acknowledged calls ({acknowledged.Count(a => a.Item is not null)} supplies), {entries.Count} entries, {orphans.Count} orphan supply entries, {marked.Count} marked not-stored");
            var key0 = NoteVerifier.Parse(NoteSigner.Parse(File.ReadAllText(Path.Combine(gateway.DataDirectory, AuditKeyFile.FileName)).Trim()).VerifierKey);
            var report = LogVerifier.Verify(store, key0);
            Assert.True(report.Succeeded, string.Join("; ", report.Findings));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    private static async Task LoadAsync(HttpClient http, string token, string caseId, ConcurrentBag<Acknowledged> acknowledged, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            try
            {
                var supply = n % 2 == 0;
                var (status, body, index, transaction) = supply
                    ? await SendAsync(http, token, HttpMethod.Post, $"/v1/cases/{caseId}/information", new { category = "police-registrations", fields = new Dictionary<string, string> { ["incident-type"] = "overlast" } })
                    : await SendAsync(http, token, HttpMethod.Get, $"/v1/cases/{caseId}/information", null);
                if (status is HttpStatusCode.OK or HttpStatusCode.Created && index is { } logged)
                {
                    acknowledged.Add(new Acknowledged(logged, transaction!, supply ? JsonDocument.Parse(body).RootElement.GetProperty("id").GetString() : null));
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
            {
                // The process died mid-call: an unacknowledged call, which the checks treat as such.
                return;
            }
        }
    }

    private static async Task<(HttpStatusCode Status, string Body, long? Index, string? Transaction)> SendAsync(HttpClient http, string token, HttpMethod method, string path, object? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Avz-Actor-Id", "wijkagent-17");
        request.Headers.Add("Avz-Actor-Role", "wijkagent");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var index = response.Headers.TryGetValues("Avz-Log-Index", out var values) ? long.Parse(values.Single(), CultureInfo.InvariantCulture) : (long?)null;
        var transaction = response.Headers.TryGetValues("Avz-Transaction-Id", out var ids) ? ids.Single() : null;
        return (response.StatusCode, text, index, transaction);
    }

    private sealed record Acknowledged(long Index, string TransactionId, string? Item);
}
