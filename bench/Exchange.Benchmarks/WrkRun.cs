using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// The full request path measured from outside with wrk (Debian's <c>wrk</c>), side by side with a bare Kestrel
/// endpoint that serves a body of the same size from the same process type, in one run: throughput and latency
/// percentiles per connection count, errors, and the ratios to the bare endpoint.
/// </summary>
internal static class WrkRun
{
    private const string Wrk = "/usr/bin/wrk";

    public static async Task<int> RunAsync(Uri gateway, Partner partner, string token, string actor, IReadOnlyList<(string Name, string Path)> targets, int seconds, int[] connections)
    {
        if (!File.Exists(Wrk))
        {
            Console.Error.WriteLine("load: wrk is not installed (apt-get install wrk).");
            return 2;
        }

        // The bare endpoint serves exactly the bytes the gateway answers the information request with.
        using var sample = await partner.GetAsync(targets[^1].Path.TrimStart('/'));
        var body = await sample.Content.ReadAsByteArrayAsync();
        var bare = WebApplication.CreateSlimBuilder();
        bare.Logging.ClearProviders();
        bare.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 5192));
        await using var app = bare.Build();
        app.MapGet("/body", () => Results.Bytes(body, "application/json"));
        await app.StartAsync();

        var script = Path.Combine(Path.GetTempPath(), $"avz-wrk-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, $$"""
            wrk.headers["Authorization"] = "Bearer {{token}}"
            wrk.headers["Avz-Actor-Id"] = "{{actor}}"
            wrk.headers["Avz-Actor-Role"] = "professional"
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("AVZ %d %d %d %d %.3f %.3f %.3f\n", summary.requests, summary.duration,
                e.connect + e.read + e.write + e.timeout, e.status,
                latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
            end
            """);
        try
        {
            Console.WriteLine($"# Request path under wrk: {seconds} s per row, wrk -t2, gateway, bare Kestrel and wrk on this machine ({Environment.ProcessorCount} cores); body {body.Length} bytes");
            Console.WriteLine();
            Console.WriteLine("| path | connections | requests | req/s | p50 ms | p95 ms | p99 ms | socket errors | non-2xx | % of bare Kestrel |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            var all = new List<(string Name, string Path)> { ("bare Kestrel, same body", "http://127.0.0.1:5192/body") };
            all.AddRange(targets.Select(t => (t.Name, new Uri(gateway, t.Path).ToString())));
            foreach (var c in connections)
            {
                double? ceiling = null;
                foreach (var (name, url) in all)
                {
                    var row = await RunOneAsync(url, script, c, seconds);
                    ceiling ??= row.PerSecond;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name} | {c} | {row.Requests} | {row.PerSecond:F0} | {row.P50:F2} | {row.P95:F2} | {row.P99:F2} | {row.SocketErrors} | {row.Status} | {100 * row.PerSecond / ceiling.Value:F1} % |"));
                }
            }
        }
        finally
        {
            File.Delete(script);
            await app.StopAsync();
        }

        return 0;
    }

    private static async Task<Row> RunOneAsync(string url, string script, int connections, int seconds)
    {
        // A short warm-up at the same concurrency, then the measured run.
        await WrkAsync(url, script, connections, 2);
        return await WrkAsync(url, script, connections, seconds);
    }

    private static async Task<Row> WrkAsync(string url, string script, int connections, int seconds)
    {
        var start = new ProcessStartInfo(Wrk, ["-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var wrk = Process.Start(start)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("AVZ ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("wrk printed no summary: " + output + await wrk.StandardError.ReadToEndAsync());
        var f = line.Split(' ');
        var requests = long.Parse(f[1], CultureInfo.InvariantCulture);
        var micros = long.Parse(f[2], CultureInfo.InvariantCulture);
        return new Row(
            requests,
            requests / (micros / 1e6),
            long.Parse(f[3], CultureInfo.InvariantCulture),
            long.Parse(f[4], CultureInfo.InvariantCulture),
            double.Parse(f[5], CultureInfo.InvariantCulture),
            double.Parse(f[6], CultureInfo.InvariantCulture),
            double.Parse(f[7], CultureInfo.InvariantCulture));
    }

    private sealed record Row(long Requests, double PerSecond, long SocketErrors, long Status, double P50, double P95, double P99);
}
