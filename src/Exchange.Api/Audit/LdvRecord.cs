using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Avz.Exchange.Api.Audit;

/// <summary>
/// One access-log entry as a Logboek Dataverwerkingen record: the processing as a span (<c>trace_id</c>,
/// <c>span_id</c>, <c>name</c>, <c>start_time</c>, <c>end_time</c>, <c>status</c>) with the <c>dpl.core</c>
/// attributes. The data subject is the log's keyed pseudonym, never a BSN.
/// </summary>
internal static class LdvRecord
{
    /// <summary>The subject id type: the gateway's keyed pseudonym of the BSN.</summary>
    public const string SubjectIdType = "avz-pseudonym";

    public static JsonObject From(string origin, long index, byte[] leaf)
    {
        using var document = JsonDocument.Parse(leaf);
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var time = Text("time")!;
        var decision = Text("decision");
        var attributes = new JsonObject
        {
            ["dpl.core.data_subject_id"] = Text("subject"),
            ["dpl.core.data_subject_id_type"] = SubjectIdType,
        };
        if (Text("processingActivity") is { } activity)
        {
            attributes["dpl.core.processing_activity_id"] = activity;
        }

        attributes["avz.log_index"] = index;
        attributes["avz.party"] = Text("party");
        attributes["avz.decision"] = decision;
        return new JsonObject
        {
            // The call's W3C trace when it had one; otherwise one derived from the log and the entry, stable across exports.
            ["trace_id"] = Text("traceId") is { Length: 32 } trace ? trace : Derived(origin, index, 16),
            ["span_id"] = index.ToString("x16", CultureInfo.InvariantCulture),
            ["name"] = Text("action"),
            ["start_time"] = time,
            ["end_time"] = time,
            ["status"] = decision is "refused" or "error" ? "ERROR" : "OK",
            ["attributes"] = attributes,
        };
    }

    private static string Derived(string origin, long index, int bytes) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(origin + "\n" + index.ToString(CultureInfo.InvariantCulture))).AsSpan(0, bytes));
}
