using System.Buffers;
using System.Text.Json;

namespace Avz.Audit.Entries;

/// <summary>
/// Leaf format version 1: RFC 8785 canonical JSON with <c>"v": 1</c>, absent members for null values, every list
/// present. New entries are written as version 2 (<see cref="LeafEncoding"/>); this codec stays so that a log written
/// before reads, re-encodes byte for byte, and verifies.
/// </summary>
internal static class LeafEncodingV1
{
    /// <summary>The version of the leaf format.</summary>
    public const int Version = 1;

    /// <summary>Encodes an entry as its canonical leaf bytes.</summary>
    /// <param name="entry">The entry, with its index and time set.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Encode(AccessLogEntryV1 entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>(1024);
        var json = new CanonicalJson(buffer);

        // Members in RFC 8785 order (ordinal, by UTF-16 code units), as version 1 wrote them; the v1 tests check the bytes.
        json.StartObject();
        json.String("action", entry.Action);
        json.OptionalString("actor", entry.Actor);
        json.OptionalString("actorRole", entry.ActorRole);
        json.OptionalString("case", entry.Case);
        json.OptionalString("client", entry.Client);
        json.OptionalString("convenant", entry.Convenant);
        json.String("decision", entry.Decision);
        json.Boolean("emergency", entry.Emergency);
        json.Integer("index", entry.Index);
        json.OptionalString("justification", entry.Justification);
        Strings(json, "legalBasis", entry.LegalBasis);
        json.OptionalString("onBehalfOf", entry.OnBehalfOf);
        json.String("party", entry.Party);
        json.OptionalString("policyVersion", entry.PolicyVersion);
        json.OptionalString("processingActivity", entry.ProcessingActivity);
        json.OptionalString("purpose", entry.Purpose);
        Strings(json, "reasons", entry.Reasons);
        Strings(json, "released", entry.Released);
        json.OptionalString("subject", entry.Subject);
        json.String("time", LeafJson.FormatTime(entry.Time));
        json.OptionalString("traceId", entry.TraceId);
        json.OptionalString("transactionId", entry.TransactionId);
        json.Integer("v", Version);
        json.StartArray("withheld");
        foreach (var withheld in entry.Withheld)
        {
            json.StartObjectValue();
            json.String("field", withheld.Field);
            json.String("reason", withheld.Reason);
            json.EndObject();
        }

        json.EndArray();
        json.EndObject();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes leaf bytes; only canonical leaves of a known version are accepted.</summary>
    /// <param name="leaf">The leaf bytes.</param>
    /// <param name="entry">The entry, when the leaf is valid.</param>
    /// <param name="problem">Why it is not, otherwise.</param>
    /// <returns>Whether the leaf is a valid, canonical entry.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> leaf, out AccessLogEntryV1? entry, out string? problem) =>
        LeafJson.TryDecode(leaf, Version, Read, Encode, out entry, out problem);

    private static AccessLogEntryV1 Read(JsonElement root) => new()
    {
        Index = root.GetProperty("index").GetInt64(),
        Time = LeafJson.ParseTime(root.GetProperty("time").GetString()),
        Party = root.GetProperty("party").GetString()!,
        Action = root.GetProperty("action").GetString()!,
        Decision = root.GetProperty("decision").GetString()!,
        Released = LeafJson.Strings(root, "released"),
        Withheld = LeafJson.List(root, "withheld", w => new WithheldFieldV1(w.GetProperty("field").GetString()!, w.GetProperty("reason").GetString()!)),
        Reasons = LeafJson.Strings(root, "reasons"),
        LegalBasis = LeafJson.Strings(root, "legalBasis"),
        Emergency = root.GetProperty("emergency").GetBoolean(),
        Convenant = LeafJson.Text(root, "convenant"),
        Client = LeafJson.Text(root, "client"),
        Actor = LeafJson.Text(root, "actor"),
        ActorRole = LeafJson.Text(root, "actorRole"),
        OnBehalfOf = LeafJson.Text(root, "onBehalfOf"),
        Case = LeafJson.Text(root, "case"),
        Subject = LeafJson.Text(root, "subject"),
        Purpose = LeafJson.Text(root, "purpose"),
        ProcessingActivity = LeafJson.Text(root, "processingActivity"),
        PolicyVersion = LeafJson.Text(root, "policyVersion"),
        Justification = LeafJson.Text(root, "justification"),
        TransactionId = LeafJson.Text(root, "transactionId"),
        TraceId = LeafJson.Text(root, "traceId"),
    };

    private static void Strings(CanonicalJson json, string name, IReadOnlyList<string> values)
    {
        json.StartArray(name);
        foreach (var value in values)
        {
            json.StringValue(value);
        }

        json.EndArray();
    }
}
