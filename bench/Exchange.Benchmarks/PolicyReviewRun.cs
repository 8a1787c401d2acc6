using System.Diagnostics;
using System.Globalization;
using System.Text;

/// <summary>
/// What an administrator waits for: the review of a policy version (the diff against the active version and the impact
/// on every open case) and its upload, first over one open case, then over many, in one run.
/// </summary>
internal static class PolicyReviewRun
{
    private const string Versions = "v1/policies/avz-groningen/versions";

    public static async Task<int> RunAsync(
        HttpClient http, Partner administrator, Func<Task<string>> openCase, string policyFile, int cases, int concurrency)
    {
        var changed = (await File.ReadAllTextAsync(policyFile))
            .Replace("version: \"2026.1\"", "version: \"2026.2\"", StringComparison.Ordinal)
            .Replace("""
                  - id: pd-police-municipality
                    purpose: process-direction
                    category: police-registrations
                    suppliers: [politie]
                    recipients: [kind:municipality]
                    fields: [incident-type, registered-on]
                    ground: "AVG art. 10; UAVG art. 33; Wet politiegegevens art. 20"

                """, "", StringComparison.Ordinal);
        if (changed.Contains("pd-police-municipality", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The demo policy no longer holds the rule this run removes; adjust PolicyReviewRun.");
        }

        var hash = await UploadAsync(administrator, changed);
        Console.WriteLine($"# Policy review and upload: one open case, then {cases}, each with 5 items (22 field values) from 4 parties; {Environment.ProcessorCount} cores, gateway and client on this machine");
        Console.WriteLine();
        Console.WriteLine("| open cases | call | runs | median ms | p95 ms |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: |");
        var small = await MeasureAsync(1, "GET version (diff + impact)", 20, () => administrator.GetAsync($"{Versions}/{hash}"));
        await MeasureAsync(1, "POST version, stored content (validate, log, diff + impact)", 20, () => PostAsync(administrator, changed));

        var created = 1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref created) <= cases)
            {
                await openCase();
            }
        }));
        Console.Error.WriteLine($"policy-review: {cases - 1} more cases opened in {clock.Elapsed.TotalSeconds:F0} s");
        var large = await MeasureAsync(cases, "GET version (diff + impact)", 20, () => administrator.GetAsync($"{Versions}/{hash}"));
        await MeasureAsync(cases, "POST version, stored content (validate, log, diff + impact)", 20, () => PostAsync(administrator, changed));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Review median with {cases} open cases / with one, same run: {large / small:F1}x."));
        return 0;
    }

    private static async Task<string> UploadAsync(Partner administrator, string yaml)
    {
        using var response = await PostAsync(administrator, yaml);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("version").GetProperty("hash").GetString()!
            : throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
    }

    private static Task<HttpResponseMessage> PostAsync(Partner administrator, string yaml) =>
        administrator.SendAsync(HttpMethod.Post, Versions, new StringContent(yaml, Encoding.UTF8, "application/yaml"));

    private static async Task<double> MeasureAsync(int cases, string name, int runs, Func<Task<HttpResponseMessage>> call)
    {
        (await call()).EnsureSuccessStatusCode();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var begin = Stopwatch.GetTimestamp();
            using var response = await call();
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {cases} | {name} | {runs} | {times[runs / 2]:F1} | {times[(int)(runs * 0.95)]:F1} |"));
        return times[runs / 2];
    }
}
