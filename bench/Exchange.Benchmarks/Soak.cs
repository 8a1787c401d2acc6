using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;

/// <summary>
/// A steady, open-loop load for a number of minutes: calls start at a fixed rate whatever the answers take, 80 %
/// requests of the case's information and 20 % supplies, tokens renewed before they expire. Every minute it prints
/// the calls, errors, median and p99 latency, and the gateway's resident memory, so a leak or a slowdown shows as a
/// trend. Supplies go to a second case, so the requested case does not grow. The gateway runs as its own process; its memory is read from /proc.
/// </summary>
internal static class Soak
{
    /// <param name="supplies">Every how many calls one is a supply (5: 20 %); 0 for requests only (the steady-rate p99 of issue 16).</param>
    /// <param name="window">The seconds each printed row covers.</param>
    /// <param name="connections">
    /// The most connections the generator opens, like a partner's connection pool or wrk2's fixed set; 0 for no bound
    /// (then a slow start opens a connection per waiting call: thousands, each held by the gateway until it idles out).
    /// </param>
    public static async Task<int> RunAsync(Uri url, int gatewayPid, Func<string, Task<string>> token, string caseId, string supplyCaseId, int minutes, int rate, int supplies = 5, int window = 60, int connections = 0)
    {
        var tokens = new Dictionary<string, string> { ["reclassering-nederland"] = await token("reclassering-nederland"), ["politie"] = await token("politie") };
        var renewed = Stopwatch.GetTimestamp();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections > 0 ? connections : int.MaxValue }) { BaseAddress = url };
        var mix = supplies == 0 ? "requests only" : $"{100 - (100 / supplies)} % request, {100 / supplies} % supply";
        var pool = connections > 0 ? $"at most {connections} connections" : "connections unbounded";
        Console.WriteLine($"# Soak: {rate} calls/s for {minutes} windows of {window} s ({mix}, {pool}; latency from each call's due time, so a call waiting for a connection or behind a slow generator counts), gateway and load generator on this machine ({Environment.ProcessorCount} cores)");
        Console.WriteLine();
        Console.WriteLine("| window | calls | errors | median ms | p95 ms | p99 ms | gateway RSS MB |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var totalErrors = 0;
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        // Requests only: a first window warms the gateway up (JIT, thread pool, caches) at the same rate, shown as 0 and
        // left out of the steady figures.
        for (var minute = supplies == 0 ? 0 : 1; minute <= minutes; minute++)
        {
            if (Stopwatch.GetElapsedTime(renewed) > TimeSpan.FromMinutes(3))
            {
                tokens = new Dictionary<string, string> { ["reclassering-nederland"] = await token("reclassering-nederland"), ["politie"] = await token("politie") };
                renewed = Stopwatch.GetTimestamp();
            }

            var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
            var errors = 0;
            var calls = new List<Task>(rate * window);
            var begin = Stopwatch.GetTimestamp();
            for (var n = 0; n < rate * window; n++)
            {
                var due = begin + (long)(n * interval.TotalSeconds * Stopwatch.Frequency);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency));
                }

                var supply = supplies > 0 && n % supplies == supplies - 1;
                var current = tokens;
                calls.Add(Task.Run(async () =>
                {
                    // From the due time, not from when the call got going: no coordinated omission.
                    var started = due;
                    try
                    {
                        // Supplies go to a case of their own: the requested case keeps its five items, so a growing
                        // case cannot pass for a slowing gateway.
                        using var request = new HttpRequestMessage(supply ? HttpMethod.Post : HttpMethod.Get, $"v1/cases/{(supply ? supplyCaseId : caseId)}/information");
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", current[supply ? "politie" : "reclassering-nederland"]);
                        request.Headers.Add("Avz-Actor-Id", "soak-1");
                        request.Headers.Add("Avz-Actor-Role", "professional");
                        if (supply)
                        {
                            request.Content = JsonContent.Create(new { category = "police-registrations", fields = new Dictionary<string, object> { ["incident-type"] = "overlast", ["incident-summary"] = "Soak" } });
                        }

                        using var response = await http.SendAsync(request);
                        await response.Content.ReadAsByteArrayAsync();
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref errors);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }));
            }

            await Task.WhenAll(calls);
            var all = latencies.Order().ToArray();
            totalErrors += errors;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {(minute == 0 ? "0 (warm-up)" : minute.ToString(CultureInfo.InvariantCulture))} | {all.Length} | {errors} | {all[all.Length / 2]:F2} | {all[Math.Min(all.Length - 1, (int)(all.Length * 0.95))]:F2} | {all[Math.Min(all.Length - 1, (int)(all.Length * 0.99))]:F2} | {GatewayProcess.ResidentMegabytes(gatewayPid):F0} |"));
        }

        Console.WriteLine();
        Console.WriteLine(totalErrors == 0 ? "No errors." : $"{totalErrors} errors.");
        return totalErrors == 0 ? 0 : 1;
    }
}
