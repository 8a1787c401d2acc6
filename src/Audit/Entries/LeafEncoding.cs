using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Avz.Audit.Entries;

/// <summary>
/// The leaf bytes of an entry: RFC 8785 canonical JSON with a version member <c>"v": 1</c>, absent members for null
/// values, every list present. Specified in <c>src/Audit/README.md</c>; the leaf hash is SHA-256(0x00 || these bytes).
/// </summary>
public static class LeafEncoding
{
    /// <summary>The version of the leaf format.</summary>
    public const int Version = 1;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>One reusable buffer per thread: encoding then allocates only the leaf itself.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    /// <summary>Encodes an entry as its canonical leaf bytes.</summary>
    /// <param name="entry">The entry, with its index and time set.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Encode(AccessLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = scratch ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
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
    public static bool TryDecode(ReadOnlySpan<byte> leaf, out AccessLogEntry? entry, out string? problem)
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

            entry = new AccessLogEntry
            {
                Index = root.GetProperty("index").GetInt64(),
                Time = DateTimeOffset.ParseExact(root.GetProperty("time").GetString()!, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                Party = root.GetProperty("party").GetString()!,
                Action = root.GetProperty("action").GetString()!,
                Decision = root.GetProperty("decision").GetString()!,
                Released = Strings(root, "released"),
                Withheld = root.GetProperty("withheld").EnumerateArray().Select(w => new WithheldField(w.GetProperty("field").GetString()!, w.GetProperty("reason").GetString()!)).ToArray(),
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

    /// <summary>Reads only the index member, fast, for verifying large logs.</summary>
    /// <param name="leaf">The leaf bytes.</param>
    /// <returns>The index, or -1 when there is none.</returns>
    public static long ReadIndex(ReadOnlySpan<byte> leaf)
    {
        try
        {
            var reader = new Utf8JsonReader(leaf);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return -1;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isIndex = reader.ValueTextEquals("index"u8);
                reader.Read();
                if (isIndex)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var index) ? index : -1;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return -1;
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
