using System.Buffers;
using System.Globalization;
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

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Encodes an entry as its canonical leaf bytes.</summary>
    /// <param name="entry">The entry, with its index and time set.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Encode(AccessLogEntryV1 entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>(1024);
        var json = new CanonicalJson(buffer);

        // Members in RFC 8785 order (ordinal, by UTF-16 code units); MemberOrder lists them and a test checks the sort.
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
        json.String("time", entry.Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
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

    /// <summary>The top-level members in the order <see cref="Encode"/> writes them.</summary>
    internal static IReadOnlyList<string> MemberOrder { get; } =
    [
        "action", "actor", "actorRole", "case", "client", "convenant", "decision", "emergency", "index", "justification", "legalBasis",
        "onBehalfOf", "party", "policyVersion", "processingActivity", "purpose", "reasons", "released", "subject", "time", "traceId",
        "transactionId", "v", "withheld",
    ];

    /// <summary>Decodes leaf bytes; only canonical leaves of a known version are accepted.</summary>
    /// <param name="leaf">The leaf bytes.</param>
    /// <param name="entry">The entry, when the leaf is valid.</param>
    /// <param name="problem">Why it is not, otherwise.</param>
    /// <returns>Whether the leaf is a valid, canonical entry.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> leaf, out AccessLogEntryV1? entry, out string? problem)
    {
        entry = null;
        try
        {
            using var document = JsonDocument.Parse(leaf.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var v) || v.GetInt32() != Version)
            {
                problem = "not a version 1 access-log leaf";
                return false;
            }

            entry = new AccessLogEntryV1
            {
                Index = root.GetProperty("index").GetInt64(),
                Time = DateTimeOffset.ParseExact(root.GetProperty("time").GetString()!, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                Party = root.GetProperty("party").GetString()!,
                Action = root.GetProperty("action").GetString()!,
                Decision = root.GetProperty("decision").GetString()!,
                Released = Strings(root, "released"),
                Withheld = root.GetProperty("withheld").EnumerateArray().Select(w => new WithheldFieldV1(w.GetProperty("field").GetString()!, w.GetProperty("reason").GetString()!)).ToArray(),
                Reasons = Strings(root, "reasons"),
                LegalBasis = Strings(root, "legalBasis"),
                Emergency = root.GetProperty("emergency").GetBoolean(),
                Convenant = Text(root, "convenant"),
                Client = Text(root, "client"),
                Actor = Text(root, "actor"),
                ActorRole = Text(root, "actorRole"),
                OnBehalfOf = Text(root, "onBehalfOf"),
                Case = Text(root, "case"),
                Subject = Text(root, "subject"),
                Purpose = Text(root, "purpose"),
                ProcessingActivity = Text(root, "processingActivity"),
                PolicyVersion = Text(root, "policyVersion"),
                Justification = Text(root, "justification"),
                TransactionId = Text(root, "transactionId"),
                TraceId = Text(root, "traceId"),
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            problem = "not a well-formed access-log leaf";
            return false;
        }

        if (!Encode(entry).AsSpan().SequenceEqual(leaf))
        {
            entry = null;
            problem = "not in canonical form (RFC 8785)";
            return false;
        }

        problem = null;
        return true;
    }

    private static void Strings(CanonicalJson json, string name, IReadOnlyList<string> values)
    {
        json.StartArray(name);
        foreach (var value in values)
        {
            json.StringValue(value);
        }

        json.EndArray();
    }

    private static string? Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static string[] Strings(JsonElement root, string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
