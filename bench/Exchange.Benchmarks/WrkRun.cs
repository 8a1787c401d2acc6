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
/// percentiles per connection count, errors, the ratios to the bare endpoint, and the serving process's CPU time per
/// request: on a shared machine whose speed drifts between runs, the CPU a request costs tells two builds apart where
/// the throughput alone does not.
/// </summary>
internal static class WrkRun
{
    private const string Wrk = "/usr/bin/wrk";

    /// <summary>
    /// How many turns the rows of one concurrency take (<c>AVZ_WRK_SLICES</c>, default 4). This machine's speed drifts
    /// by half within a minute; one long run per row put the gateway and bare Kestrel on different machines, and the
    /// share of bare Kestrel of one build went from 9.4 % in one run to 16.0 % in the next (issue 16, tenth round).
    /// </summary>
    private static readonly int Slices = int.TryParse(Environment.GetEnvironmentVariable("AVZ_WRK_SLICES"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 4;

    /// <summary>A slice's length: the row's seconds shared among the slices, at least one second each.</summary>
    private static int SliceSeconds(int seconds) => Math.Max(1, (int)Math.Round((double)seconds / Slices));

    /// <summary>How long the gateway must use (almost) no CPU to count as quiet: longer than the index follower's wait for a pause (100 ms).</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Waits until the gateway is quiet and returns the CPU it used meanwhile. The access log indexes its entries when
    /// appends pause, so a slice of information requests left the gateway indexing its entries into the next slice, on
    /// the cores that slice's row (bare Kestrel, say) was measured on, and that CPU was no row's: the share of bare
    /// Kestrel came out high and the CPU per request low (issue 16, twelfth round). Now every slice starts on a quiet
    /// gateway, and a row's CPU after its slices is printed beside the CPU during them.
    /// </summary>
    private static async Task<TimeSpan> SettleAsync(Func<TimeSpan> gatewayCpu)
    {
        var start = gatewayCpu();
        var (last, quietSince) = (start, Stopwatch.GetTimestamp());
        var waited = Stopwatch.StartNew();
        while (Stopwatch.GetElapsedTime(quietSince) < Quiet)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new InvalidOperationException("The gateway did not become quiet within two minutes of a slice.");
            }

            await Task.Delay(50);
            var now = gatewayCpu();
            // One clock tick (10 ms) per 50 ms is noise: timers, the runtime's own threads.
            if (now - last > TimeSpan.FromMilliseconds(10))
            {
                quietSince = Stopwatch.GetTimestamp();
            }

            last = now;
        }

        return last - start;
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <param name="gatewayPid">The process the benchmark started the gateway with (its CPU time is read from /proc).</param>
    /// <param name="sample">The target whose answer's bytes the bare endpoint serves (the information request).</param>
    public static async Task<int> RunAsync(Uri gateway, int gatewayPid, Partner sample, string samplePath, IReadOnlyList<WrkTarget> targets, int seconds, int[] connections)
    {
        if (!File.Exists(Wrk))
        {
            Console.Error.WriteLine("load: wrk is not installed (apt-get install wrk).");
            return 2;
        }

        // The bare endpoint serves exactly the bytes the gateway answers the information request with.
        using var answer = await sample.GetAsync(samplePath.TrimStart('/'));
        var body = await answer.Content.ReadAsByteArrayAsync();
        var bare = WebApplication.CreateSlimBuilder();
        bare.Logging.ClearProviders();
        bare.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 5192));
        await using var app = bare.Build();
        app.MapGet("/body", () => Results.Bytes(body, "application/json"));
        await app.StartAsync();

        var scripts = new List<string>();
        try
        {
            Console.WriteLine($"# Request path under wrk: {seconds} s per row in {Slices} slices of {SliceSeconds(seconds)} s, the rows of one concurrency taking turns; percentiles are the slices' medians; wrk -t2, gateway, bare Kestrel and wrk on this machine ({Environment.ProcessorCount} cores); body {body.Length} bytes");
            Console.WriteLine();
            Console.WriteLine("Every slice ends with the gateway quiet again; \"after\" is its CPU from a slice's end until then (the access log's index follower indexing the slice's entries), per request of that slice.");
            Console.WriteLine();
            Console.WriteLine("| path | connections | requests | req/s | p50 ms | p95 ms | p99 ms | socket errors | non-2xx | % of bare Kestrel | server cores busy | server CPU µs per request | after, µs per request |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            // The bare endpoint runs in this process, which does nothing else while wrk runs.
            using var self = Process.GetCurrentProcess();
            Func<TimeSpan> selfCpu = () =>
            {
                self.Refresh();
                return self.TotalProcessorTime;
            };
            Func<TimeSpan> gatewayCpu = () => GatewayProcess.CpuTime(gatewayPid);
            var all = new List<(string Name, string Url, string Script, Func<TimeSpan> Cpu)> { ("bare Kestrel, same body", "http://127.0.0.1:5192/body", await ScriptAsync(new WrkTarget("bare", "", "", ["/body"])), selfCpu) };
            // AVZ_WRK_ROWS=supply,session runs only the rows whose name holds one of the words (bare Kestrel always):
            // for a profile of one path.
            var only = Environment.GetEnvironmentVariable("AVZ_WRK_ROWS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            foreach (var target in targets.Where(t => only.Length == 0 || only.Any(w => t.Name.Contains(w, StringComparison.OrdinalIgnoreCase))))
            {
                all.Add((target.Name, new Uri(gateway, target.Paths[0]).ToString(), await ScriptAsync(target), gatewayCpu));
            }

            scripts.AddRange(all.Select(a => a.Script));
            foreach (var c in connections)
            {
                // Every row at this concurrency warms up, then the rows take turns in slices (the first row of each turn
                // moves on by one), so each row meets the machine's drift as often as the others do.
                foreach (var (_, url, script, _) in all)
                {
                    await WrkAsync(url, script, c, 2);
                    await SettleAsync(gatewayCpu);
                }

                var slices = all.Select(_ => new List<(Row Row, TimeSpan Cpu, TimeSpan After)>()).ToArray();
                for (var s = 0; s < Slices; s++)
                {
                    for (var k = 0; k < all.Count; k++)
                    {
                        var i = (s + k) % all.Count;
                        var (_, url, script, cpu) = all[i];
                        var before = cpu();
                        var row = await WrkAsync(url, script, c, SliceSeconds(seconds));
                        var during = cpu() - before;
                        var after = await SettleAsync(gatewayCpu);
                        slices[i].Add((row, during, cpu == gatewayCpu ? after : TimeSpan.Zero));
                    }
                }

                double? ceiling = null;
                for (var i = 0; i < all.Count; i++)
                {
                    var (requests, duration) = (slices[i].Sum(x => x.Row.Requests), slices[i].Sum(x => x.Row.Seconds));
                    var used = TimeSpan.FromTicks(slices[i].Sum(x => x.Cpu.Ticks));
                    var after = TimeSpan.FromTicks(slices[i].Sum(x => x.After.Ticks));
                    var perSecond = requests / duration;
                    ceiling ??= perSecond;
                    double Median(Func<Row, double> of) => MedianOf(slices[i].Select(x => of(x.Row)));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {all[i].Name} | {c} | {requests} | {perSecond:F0} | {Median(r => r.P50):F2} | {Median(r => r.P95):F2} | {Median(r => r.P99):F2} | {slices[i].Sum(x => x.Row.SocketErrors)} | {slices[i].Sum(x => x.Row.Status)} | {100 * perSecond / ceiling.Value:F1} % | {used.TotalSeconds / duration:F2} | {used.TotalMicroseconds / requests:F0} | {after.TotalMicroseconds / requests:F0} |"));
                }
            }
        }
        finally
        {
            scripts.ForEach(File.Delete);
            await app.StopAsync();
        }

        return 0;
    }

    /// <summary>
    /// Several gateway nodes on one database, driven at once: one wrk per node, same path and connections, in parallel;
    /// prints each node's row and the sum (issue 16's two-node run for docs/scaling.md).
    /// </summary>
    public static async Task<int> RunNodesAsync(IReadOnlyList<Uri> nodes, WrkTarget target, int seconds, int connections)
    {
        if (!File.Exists(Wrk))
        {
            Console.Error.WriteLine("load: wrk is not installed (apt-get install wrk).");
            return 2;
        }

        var script = await ScriptAsync(target);
        var (name, path) = (target.Name, target.Paths[0]);
        try
        {
            Console.WriteLine($"# {nodes.Count} gateway nodes on one database: {seconds} s, wrk -t2 -c{connections} per node, all nodes, their wrk processes and the database on this machine ({Environment.ProcessorCount} cores)");
            Console.WriteLine();
            Console.WriteLine("| node | path | connections | requests | req/s | p50 ms | p95 ms | p99 ms | socket errors | non-2xx |");
            Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            var rows = await Task.WhenAll(nodes.Select(async node => (await RunOneAsync(new Uri(node, path).ToString(), script, connections, seconds, static () => TimeSpan.Zero)).Row));
            for (var i = 0; i < nodes.Count; i++)
            {
                var row = rows[i];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {nodes[i].Authority} | {name} | {connections} | {row.Requests} | {row.PerSecond:F0} | {row.P50:F2} | {row.P95:F2} | {row.P99:F2} | {row.SocketErrors} | {row.Status} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| all | {name} | {connections * nodes.Count} | {rows.Sum(r => r.Requests)} | {rows.Sum(r => r.PerSecond):F0} | | | max {rows.Max(r => r.P99):F2} | {rows.Sum(r => r.SocketErrors)} | {rows.Sum(r => r.Status)} |"));
            return rows.All(r => r.SocketErrors == 0 && r.Status == 0) ? 0 : 1;
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>
    /// Two builds of the gateway side by side, each with its own database, driven at once by one wrk each, slice after
    /// slice: both meet the same moment of this machine, whose speed drifts by a third between runs minutes apart (the
    /// same build gave 125 and 173 µs per request in two runs of one morning; issue 16, fourteenth round). Each node's
    /// CPU per request is read from its own process; the two share the cores, so their throughput says less than
    /// their CPU per request, and the ratio of the latter, slice by slice, is what tells the builds apart.
    /// </summary>
    public static async Task<int> RunPairAsync(IReadOnlyList<PairNode> nodes, string rootA, string rootB, int seconds, int connections)
    {
        if (!File.Exists(Wrk))
        {
            Console.Error.WriteLine("load: wrk is not installed (apt-get install wrk).");
            return 2;
        }

        var scripts = new List<string>();
        try
        {
            foreach (var node in nodes)
            {
                scripts.Add(await ScriptAsync(node.Target));
            }

            var cpu = nodes.Select(n => (Func<TimeSpan>)(() => GatewayProcess.CpuTime(n.Pid))).ToArray();
            // Every slice starts with both gateways quiet (their index followers done with the last slice's entries).
            async Task SettleAllAsync()
            {
                foreach (var gatewayCpu in cpu)
                {
                    await SettleAsync(gatewayCpu);
                }
            }

            Console.WriteLine($"# Two builds side by side: GET /v1/cases/{{id}}/information (one case, five items), wrk -t2 -c{connections} per build, both at once, {Slices} slices of {SliceSeconds(seconds)} s; both gateways and both wrk on this machine ({Environment.ProcessorCount} cores)");
            Console.WriteLine();
            Console.WriteLine($"A: {rootA} ({await CommitAsync(rootA)})  ");
            Console.WriteLine($"B: {rootB} ({await CommitAsync(rootB)})");
            Console.WriteLine();
            Console.WriteLine("| slice | A req/s | B req/s | A µs per request | B µs per request | B / A, µs per request | A p99 ms | B p99 ms | errors |");
            Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

            // Warm-up: both at once, twice, each time until both are quiet. One warm-up of two seconds, and then one
            // of ten, still left the first slice 1.2-1.3 times the CPU per request of the others on one side.
            for (var warm = 0; warm < 2; warm++)
            {
                await Task.WhenAll(nodes.Select((n, i) => WrkAsync(new Uri(n.Url, n.Target.Paths[0]).ToString(), scripts[i], connections, 10)));
                await SettleAllAsync();
            }

            var (ratios, perRequest, errors) = (new List<double>(), nodes.Select(_ => new List<double>()).ToArray(), 0L);
            for (var s = 0; s < Slices; s++)
            {
                var measured = await Task.WhenAll(nodes.Select(async (n, i) =>
                {
                    var before = cpu[i]();
                    var row = await WrkAsync(new Uri(n.Url, n.Target.Paths[0]).ToString(), scripts[i], connections, SliceSeconds(seconds));
                    return (Row: row, Cpu: cpu[i]() - before);
                }));
                await SettleAllAsync();
                var micros = measured.Select(m => m.Cpu.TotalMicroseconds / Math.Max(1, m.Row.Requests)).ToArray();
                for (var i = 0; i < nodes.Count; i++)
                {
                    perRequest[i].Add(micros[i]);
                }

                ratios.Add(micros[1] / micros[0]);
                var sliceErrors = measured.Sum(m => m.Row.SocketErrors + m.Row.Status);
                errors += sliceErrors;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {s + 1} | {measured[0].Row.PerSecond:F0} | {measured[1].Row.PerSecond:F0} | {micros[0]:F1} | {micros[1]:F1} | {ratios[^1]:F3} | {measured[0].Row.P99:F2} | {measured[1].Row.P99:F2} | {sliceErrors} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| median | | | {MedianOf(perRequest[0]):F1} | {MedianOf(perRequest[1]):F1} | {MedianOf(ratios):F3} (slices {ratios.Min():F3}-{ratios.Max():F3}) | | | {errors} |"));
            return errors == 0 ? 0 : 1;
        }
        finally
        {
            scripts.ForEach(File.Delete);
        }
    }

    /// <summary>The commit a repository's work tree is at, with <c>+</c> when it has changes, for the pair run's header.</summary>
    private static async Task<string> CommitAsync(string root)
    {
        async Task<string> GitAsync(params string[] arguments)
        {
            var start = new ProcessStartInfo("git", ["-C", root, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(start)!;
            var output = await git.StandardOutput.ReadToEndAsync();
            await git.WaitForExitAsync();
            return git.ExitCode == 0 ? output.Trim() : "?";
        }

        var changed = await GitAsync("status", "--porcelain", "--untracked-files=no");
        return await GitAsync("rev-parse", "--short", "HEAD") + (changed.Length > 0 ? "+" : "");
    }

    /// <summary>
    /// The wrk script of a target: its method, body and headers; with several paths or tokens, each request takes the
    /// next path and the next token in turn (one Lua state per wrk thread). Prints one summary line wrk's caller parses.
    /// </summary>
    private static async Task<string> ScriptAsync(WrkTarget target)
    {
        var script = Path.Combine(Path.GetTempPath(), $"avz-wrk-{Environment.ProcessId}-{Guid.NewGuid():N}.lua");
        var lua = new System.Text.StringBuilder();
        lua.AppendLine($"wrk.method = \"{target.Method}\"");
        if (target.Body is { } body)
        {
            lua.AppendLine($"wrk.body = [[{body}]]");
            lua.AppendLine("wrk.headers[\"Content-Type\"] = \"application/json\"");
        }

        if (target.Actor.Length > 0)
        {
            lua.AppendLine($"wrk.headers[\"Avz-Actor-Id\"] = \"{target.Actor}\"");
            lua.AppendLine("wrk.headers[\"Avz-Actor-Role\"] = \"professional\"");
        }

        var tokens = target.Tokens ?? (target.Token.Length > 0 ? [target.Token] : []);
        if (tokens.Count == 1)
        {
            lua.AppendLine($"wrk.headers[\"Authorization\"] = \"Bearer {tokens[0]}\"");
        }

        if (target.Paths.Count > 1 || tokens.Count > 1)
        {
            lua.AppendLine("paths = { " + string.Join(", ", target.Paths.Select(p => $"\"{p}\"")) + " }");
            lua.AppendLine("tokens = { " + string.Join(", ", tokens.Select(t => $"\"Bearer {t}\"")) + " }");
            lua.AppendLine("n = 0");
            lua.AppendLine("request = function()");
            lua.AppendLine("  n = n + 1");
            lua.AppendLine("  if #tokens > 1 then wrk.headers[\"Authorization\"] = tokens[(n % #tokens) + 1] end");
            lua.AppendLine("  return wrk.format(nil, paths[(n % #paths) + 1])");
            lua.AppendLine("end");
        }

        lua.AppendLine("""
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("AVZ %d %d %d %d %.3f %.3f %.3f\n", summary.requests, summary.duration,
                e.connect + e.read + e.write + e.timeout, e.status,
                latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
            end
            """);
        await File.WriteAllTextAsync(script, lua.ToString());
        return script;
    }

    private static async Task<(Row Row, TimeSpan Cpu)> RunOneAsync(string url, string script, int connections, int seconds, Func<TimeSpan> cpu)
    {
        // A short warm-up at the same concurrency, then the measured run.
        await WrkAsync(url, script, connections, 2);
        var before = cpu();
        var row = await WrkAsync(url, script, connections, seconds);
        return (row, cpu() - before);
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
            micros / 1e6,
            requests / (micros / 1e6),
            long.Parse(f[3], CultureInfo.InvariantCulture),
            long.Parse(f[4], CultureInfo.InvariantCulture),
            double.Parse(f[5], CultureInfo.InvariantCulture),
            double.Parse(f[6], CultureInfo.InvariantCulture),
            double.Parse(f[7], CultureInfo.InvariantCulture));
    }

    private sealed record Row(long Requests, double Seconds, double PerSecond, long SocketErrors, long Status, double P50, double P95, double P99);
}

/// <summary>One build of a pair run: its gateway's address and process, and its information request.</summary>
internal sealed record PairNode(Uri Url, int Pid, WrkTarget Target);

/// <summary>One row of the wrk run: a path (or several, taken in turn), who calls it, and how.</summary>
/// <param name="Tokens">Several partners' tokens taken in turn (a token per party of a data set); null: <paramref name="Token"/> alone.</param>
internal sealed record WrkTarget(string Name, string Token, string Actor, IReadOnlyList<string> Paths, string Method = "GET", string? Body = null, IReadOnlyList<string>? Tokens = null);
