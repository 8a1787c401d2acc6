using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Verification;
using Avz.Exchange.Api.Tests.Cases;
using Avz.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Hostile;

/// <summary>
/// Hostile input for every operation the served OpenAPI document describes, derived from the document itself: each
/// path, query and header parameter and each body member gets oversized, wrong-type, injection, unicode (lone
/// surrogates, invalid UTF-8, NUL, right-to-left overrides) and boundary values, sent with real tokens. An operation
/// added later is covered without editing this suite. Every answer must be below 500, every error an RFC 9457
/// problem with an AVZ code that does not echo the input, and afterwards every access-log entry is a valid
/// version 2 leaf and the log verifies.
/// </summary>
public sealed class OpenApiHostileInputTests
{
    private const string Marker = "zq7hostile";

    /// <summary>Raw JSON values put in the place of one body member.</summary>
    private static readonly string[] JsonValues =
    [
        "\"\"", Quote(Marker + new string('A', 100_000)), Quote(Marker + "' OR '1'='1' --"), Quote(Marker + "<script>alert(1)</script>"),
        Quote("../../../../etc/passwd" + Marker), Quote("${jndi:ldap://127.0.0.1/" + Marker + "}"), "\"\\u202e" + Marker + "\"", "\"" + Marker + "\\u0000\"",
        "\"" + Marker + "\\ud800\"", "\"\\udfff" + Marker + "\"", "\"" + Marker + "\\ud83d\\ude00\"", "0", "-1", "9223372036854775808", "1e308", "true", "null",
        "{}", "[]", "[\"" + Marker + "\"]", "{\"" + Marker + "\":{\"a\":[1,2,{}]}}", "{\"surname\":\"" + Marker + "\\ud800\"}", "{\"surname\":\"a\\u0000" + Marker + "\"}", string.Concat(Enumerable.Repeat("[", 80)) + string.Concat(Enumerable.Repeat("]", 80)),
    ];

    /// <summary>Raw, already percent-encoded values for a path or query parameter.</summary>
    private static readonly string[] UrlValues =
    [
        "", "-1", "0", "9223372036854775808", "1e308", "NaN", Marker + "%00", Marker + "%ED%A0%80", Marker + "%FF%FE", Marker + "%E2%80%AE",
        Marker + "%27%20OR%20%271%27%3D%271", "..%2F..%2F" + Marker, Marker + "%3Cscript%3E", new string('9', 5000), Guid.Empty.ToString(),
        "00000000-0000-0000-0000-00000000000g",
    ];

    /// <summary>Values for the acting professional's headers, which every case operation reads.</summary>
    private static readonly string[] HeaderValues = ["", new string('a', 10_000), Marker + "<script>", Marker + "; drop table cases", Marker + "%C3%A9\t"];

    [Fact]
    public async Task EveryOperation_AnswersHostileInputWithACodedProblem_NeverA5xx()
    {
        await using var factory = new GatewayFactory(new()
        {
            ["RequestLimits:PermitsPerMinutePerClient"] = "1000000",
            ["RequestLimits:PermitsPerMinutePerAddress"] = "1000000",
        });
        // Over real Kestrel on loopback: the transport's own refusals (a NUL in the path, say) are part of the answer.
        factory.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "casemanager-12", "casemanager");
        var token = await Partners.TokenAsync(factory, client, "fg-avz", "avz", IdentityScopes.Exchange + " " + IdentityScopes.Audit);
        var registered = await gemeente.JsonAsync(
            await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), HttpStatusCode.Created);
        var caseId = registered.GetProperty("id").GetString()!;
        var consent = await gemeente.JsonAsync(
            await gemeente.PostAsync($"/v1/cases/{caseId}/consents", new { categories = new[] { "health-care" }, recipients = new[] { "gem-groningen" }, evidenceReference = "TF-1", validUntil = DateTimeOffset.UtcNow.AddYears(1) }),
            HttpStatusCode.Created);
        var known = new Dictionary<string, string> { ["id"] = caseId, ["consentId"] = consent.GetProperty("id").GetString()!, ["index"] = "0", ["level"] = "0", ["path"] = "000.p/1" };

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var operations = Operations(document.RootElement).ToList();
        Assert.True(operations.Count >= 20, $"the document describes only {operations.Count} operations");

        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in operations)
        {
            foreach (var request in Variants(operation, known))
            {
                sent++;
                using var message = request.Build(token);
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(message, TestContext.Current.CancellationToken);
                }
                catch (HttpRequestException e) when (request.What != "oversized body")
                {
                    failures.Add($"{operation.Method} {operation.Path} [{request.What}]: the connection failed ({e.InnerException?.Message ?? e.Message})");
                    continue;
                }
                catch (HttpRequestException)
                {
                    // The server answers 413 from the Content-Length and closes the connection, which can break the
                    // client's pipe while it is still sending: refused without reading, as intended.
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                // Kestrel refuses a request line with an encoded NUL itself, before the application: a bare 400.
                var transportRefusal = request.PathValues.Values.Any(v => v.Contains("%00", StringComparison.Ordinal)) && response.StatusCode == HttpStatusCode.BadRequest && body.Length == 0;
                if (!transportRefusal && Judge(response, body) is { } failure)
                {
                    failures.Add($"{operation.Method} {operation.Path} [{request.What}]: {failure}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests failed:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(sent > 900, $"only {sent} requests were generated");

        var log = factory.Services.GetRequiredService<AccessLog>();
        await log.CheckpointAsync();
        for (var index = 0L; index < log.Size; index++)
        {
            Assert.True(LeafEncoding.TryDecode(log.ReadLeaf(index)!, out _, out var problem), $"entry {index}: {problem}");
        }

        using var store = new SqliteAuditStore(Path.Combine(factory.DataDirectory, AccessLogOptions.DatabaseFile));
        var report = LogVerifier.Verify(store, NoteVerifier.Parse(log.VerifierKey));
        Assert.True(report.Succeeded, string.Join("; ", report.Findings));
    }

    private static string? Judge(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"{status}";
        }

        if (status < 400)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}";
        }

        try
        {
            using var problem = JsonDocument.Parse(body);
            var code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : problem.RootElement.TryGetProperty("error", out var e) ? "oauth:" + e.GetString() : null;
            if (code is null || !(code.StartsWith("AVZ-", StringComparison.Ordinal) || code.StartsWith("oauth:", StringComparison.Ordinal)))
            {
                return $"{status} without a code";
            }
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON";
        }

        return body.Contains(Marker, StringComparison.Ordinal) ? $"{status} echoes the input" : null;
    }

    private static IEnumerable<Operation> Operations(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var parameters = method.Value.TryGetProperty("parameters", out var p)
                    ? p.EnumerateArray().Select(x => (x.GetProperty("name").GetString()!, x.GetProperty("in").GetString()!)).ToList()
                    : [];
                string? mediaType = null;
                var members = new List<(string Name, JsonElement Schema)>();
                if (method.Value.TryGetProperty("requestBody", out var requestBody))
                {
                    var content = requestBody.GetProperty("content").EnumerateObject().First();
                    mediaType = content.Name;
                    var schema = Resolve(document, content.Value.GetProperty("schema"));
                    if (schema.TryGetProperty("properties", out var properties))
                    {
                        members.AddRange(properties.EnumerateObject().Select(m => (m.Name, Resolve(document, m.Value))));
                    }
                }

                var secured = method.Value.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
                yield return new Operation(method.Name.ToUpperInvariant(), path.Name, parameters, mediaType, members, secured);
            }
        }
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference))
        {
            return schema;
        }

        var name = reference.GetString()!.Split('/')[^1];
        return document.GetProperty("components").GetProperty("schemas").GetProperty(name);
    }

    private static IEnumerable<HostileRequest> Variants(Operation operation, Dictionary<string, string> known)
    {
        var baseline = operation.Members.ToDictionary(m => m.Name, m => Plausible(m.Name, m.Schema, known));
        var path = operation.Parameters.Where(p => p.In == "path").ToDictionary(p => p.Name, p => known.GetValueOrDefault(p.Name, "x"));
        HostileRequest Request(string what, Dictionary<string, string> pathValues, string query, Dictionary<string, string> body, string? actor = null, byte[]? rawBody = null) =>
            new(operation, what, pathValues, query, body, actor, rawBody);

        yield return Request("baseline", path, "", baseline);
        foreach (var (name, location) in operation.Parameters.Where(p => p.In is "path" or "query"))
        {
            foreach (var value in UrlValues)
            {
                yield return location == "path"
                    ? Request($"{name}={Short(value)}", new Dictionary<string, string>(path) { [name] = value }, "", baseline)
                    : Request($"{name}={Short(value)}", path, $"?{name}={value}", baseline);
            }
        }

        foreach (var (name, _) in operation.Members)
        {
            foreach (var value in operation.MediaType == "application/x-www-form-urlencoded" ? UrlValues : JsonValues)
            {
                yield return Request($"{name}={Short(value)}", path, "", new Dictionary<string, string>(baseline) { [name] = value });
            }
        }

        if (operation.MediaType is not null)
        {
            yield return Request("truncated body", path, "", baseline, rawBody: "{\"a\":"u8.ToArray());
            yield return Request("invalid UTF-8 body", path, "", baseline, rawBody: [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
            yield return Request("nested body", path, "", baseline, rawBody: Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + string.Concat(Enumerable.Repeat("}", 5000))));
            yield return Request("oversized body", path, "", baseline, rawBody: Encoding.ASCII.GetBytes("{\"a\":\"" + new string('x', 2 * 1024 * 1024) + "\"}"));
        }

        if (operation.Secured)
        {
            foreach (var value in HeaderValues)
            {
                yield return Request($"actor={Short(value)}", path, "", baseline, actor: value);
            }
        }
    }

    /// <summary>A value of the member's declared type that a careless client might send; the hostile variants replace one at a time.</summary>
    private static string Plausible(string name, JsonElement schema, Dictionary<string, string> known)
    {
        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!]
            : ["string"];
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        return (types.FirstOrDefault(t => t != "null"), format) switch
        {
            ("array", _) => "[\"health-care\"]",
            ("object", _) => "{\"surname\":\"Zwartveld\"}",
            ("integer" or "number", _) => "1",
            ("boolean", _) => "true",
            (_, "date-time") => Quote(DateTimeOffset.UtcNow.AddYears(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            _ => name switch
            {
                "subject" => "\"111222333\"",
                "convenant" => "\"avz-groningen\"",
                "purpose" => "\"process-direction\"",
                "category" => "\"identity\"",
                "party" => "\"politie\"",
                "status" => "\"triage\"",
                _ => Quote(known.GetValueOrDefault(name, "Een redelijke waarde van twintig tekens of meer")),
            },
        };
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static string Short(string value) => value.Length > 40 ? value[..40] + $"...({value.Length})" : value;

    private sealed record Operation(string Method, string Path, List<(string Name, string In)> Parameters, string? MediaType, List<(string Name, JsonElement Schema)> Members, bool Secured);

    private sealed record HostileRequest(Operation Operation, string What, Dictionary<string, string> PathValues, string Query, Dictionary<string, string> Body, string? Actor, byte[]? RawBody)
    {
        public HttpRequestMessage Build(string token)
        {
            var path = PathValues.Aggregate(Operation.Path, (p, v) => p.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal));
            var message = new HttpRequestMessage(new HttpMethod(Operation.Method), new Uri(path + Query, UriKind.Relative));
            if (Operation.Secured)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                message.Headers.TryAddWithoutValidation("Avz-Actor-Id", Actor ?? "casemanager-12");
                message.Headers.TryAddWithoutValidation("Avz-Actor-Role", Actor ?? "casemanager");
            }

            if (Operation.MediaType is { } mediaType)
            {
                var bytes = RawBody ?? (mediaType == "application/x-www-form-urlencoded"
                    ? Encoding.ASCII.GetBytes(string.Join('&', Body.Select(m => m.Key + "=" + (m.Value.StartsWith('"') ? Uri.EscapeDataString(m.Value.Trim('"')) : m.Value))))
                    : Encoding.UTF8.GetBytes("{" + string.Join(',', Body.Select(m => Quote(m.Key) + ":" + m.Value)) + "}"));
                message.Content = new ByteArrayContent(bytes);

                // The server answers an oversized body with 413 without reading it, and closes that connection.
                message.Headers.ConnectionClose = bytes.Length > 1024 * 1024;
                message.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            }

            return message;
        }
    }
}
