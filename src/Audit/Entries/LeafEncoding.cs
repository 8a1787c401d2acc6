using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Avz.Audit.Entries;

/// <summary>
/// The leaf bytes of an entry: RFC 8785 canonical JSON with <c>"v": 2</c>. Members whose value is null or an empty
/// list are absent; <c>emergency</c> is always present. Specified in <c>src/Audit/README.md</c>; the leaf hash is
/// SHA-256(0x00 || these bytes). Leaves of version 1 (<see cref="AccessLogEntryV1"/>) still decode and verify.
/// </summary>
public static class LeafEncoding
{
    /// <summary>The version of the leaf format new entries are written in.</summary>
    public const int Version = 2;

    /// <summary>One reusable buffer per thread: encoding then allocates only the leaf itself.</summary>
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    /// <summary>The top-level members in the order <see cref="Encode"/> writes them (RFC 8785: by UTF-16 code units).</summary>
    internal static IReadOnlyList<string> MemberOrder { get; } =
    [
        "action", "actor", "actorRole", "admitted", "bundle", "case", "cases", "client", "consent", "convenant", "counts", "decision",
        "direction", "emergency", "index", "items", "justification", "key", "legalBasis", "onBehalfOf", "operation", "party", "planAction", "policyVersion",
        "processingActivity", "purpose", "query", "reasons", "refersTo", "released", "releasedViaEmergency", "rules", "signals", "status", "subject",
        "supplied", "targetClient", "targetStaff", "time", "traceId", "transactionId", "v", "verdict", "withheld",
    ];

    /// <summary>Encodes an entry as its canonical leaf bytes.</summary>
    /// <param name="entry">The entry, with its index and time set.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Encode(AccessLogEntry entry) => EncodeToScratch(entry).ToArray();

    /// <summary>
    /// Encodes an entry into this thread's scratch buffer: the bytes are valid until the thread encodes again. For the
    /// log's callers, which splice the index in as they copy them out (<see cref="LeafTemplate"/>).
    /// </summary>
    /// <param name="entry">The entry, with its index and time set.</param>
    /// <returns>UTF-8 JSON.</returns>
    internal static ReadOnlySpan<byte> EncodeToScratch(AccessLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = scratch ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var json = new CanonicalJson(buffer);

        // Members in RFC 8785 order; MemberOrder lists them and a test checks the sort and this sequence.
        json.StartObject();
        json.String("action", Wire.Of(entry.Action));
        json.OptionalString("actor", entry.Actor);
        json.OptionalString("actorRole", entry.ActorRole);
        json.OptionalString("admitted", entry.Admitted);
        OptionalInteger(json, "bundle", entry.Bundle);
        json.OptionalString("case", entry.Case);
        Strings(json, "cases", entry.Cases);
        json.OptionalString("client", entry.Client);
        if (entry.Consent is { } consent)
        {
            json.StartObject("consent");
            Strings(json, "categories", consent.Categories);
            json.String("id", consent.Id);
            Strings(json, "recipients", consent.Recipients);
            json.OptionalString("validUntil", consent.ValidUntil is { } until ? LeafJson.FormatTime(until) : null);
            json.EndObject();
        }

        json.OptionalString("convenant", entry.Convenant);
        if (entry.Counts is { } counts)
        {
            json.StartObject("counts");
            OptionalInteger(json, "dataKeysDestroyed", counts.DataKeysDestroyed);
            OptionalInteger(json, "hits", counts.Hits);
            OptionalInteger(json, "itemsDeleted", counts.ItemsDeleted);
            OptionalInteger(json, "retired", counts.Retired);
            OptionalInteger(json, "rewrapped", counts.Rewrapped);
            json.EndObject();
        }

        json.String("decision", Wire.Of(entry.Decision));
        if (entry.Direction is { } direction)
        {
            json.StartObject("direction");
            json.String("from", direction.From);
            json.String("to", direction.To);
            json.EndObject();
        }

        json.Boolean("emergency", entry.Emergency);
        json.Integer("index", entry.Index);
        Strings(json, "items", entry.Items);
        json.OptionalString("justification", entry.Justification?.Value);
        if (entry.Key is { } key)
        {
            json.StartObject("key");
            json.String("provider", Wire.Of(key.Provider));
            json.OptionalString("version", key.Version);
            json.EndObject();
        }

        Strings(json, "legalBasis", entry.LegalBasis);
        json.OptionalString("onBehalfOf", entry.OnBehalfOf);
        json.OptionalString("operation", entry.Operation);
        json.String("party", entry.Party);
        if (entry.PlanAction is { } planAction)
        {
            json.StartObject("planAction");
            json.String("id", planAction.Id);
            json.OptionalString("owner", planAction.Owner);
            json.OptionalString("status", planAction.Status is { } planStatus ? Wire.Of(planStatus) : null);
            json.OptionalString("step", planAction.Step);
            Strings(json, "to", planAction.To ?? []);
            json.EndObject();
        }

        json.OptionalString("policyVersion", entry.PolicyVersion);
        json.OptionalString("processingActivity", entry.ProcessingActivity);
        json.OptionalString("purpose", entry.Purpose);
        if (entry.Query is { } query)
        {
            json.StartObject("query");
            json.OptionalString("action", query.Action is { } action ? Wire.Of(action) : null);
            json.OptionalString("actor", query.Actor);
            json.OptionalString("case", query.Case);
            json.OptionalString("decision", query.Decision is { } decision ? Wire.Of(decision) : null);
            if (query.Emergency is { } emergency)
            {
                json.Boolean("emergency", emergency);
            }

            json.OptionalString("from", query.From is { } from ? LeafJson.FormatTime(from) : null);
            json.OptionalString("party", query.Party);
            json.OptionalString("purpose", query.Purpose);
            json.OptionalString("to", query.To is { } to ? LeafJson.FormatTime(to) : null);
            json.EndObject();
        }

        if (entry.Reasons.Count > 0)
        {
            json.StartArray("reasons");
            foreach (var reason in entry.Reasons)
            {
                json.StringValue(Wire.Of(reason));
            }

            json.EndArray();
        }

        OptionalInteger(json, "refersTo", entry.RefersTo);
        Strings(json, "released", entry.Released);
        Strings(json, "releasedViaEmergency", entry.ReleasedViaEmergency);
        Strings(json, "rules", entry.Rules);
        Strings(json, "signals", entry.Signals);
        if (entry.Status is { } status)
        {
            json.StartObject("status");
            json.OptionalString("from", status.From is { } from ? Wire.Of(from) : null);
            json.String("to", Wire.Of(status.To));
            json.EndObject();
        }

        json.OptionalString("subject", entry.Subject);
        Strings(json, "supplied", entry.Supplied);
        if (entry.TargetClient is { } client)
        {
            json.StartObject("targetClient");
            json.String("id", client.Id);
            Strings(json, "scopes", client.Scopes);
            json.EndObject();
        }

        if (entry.TargetStaff is { } staff)
        {
            json.StartObject("targetStaff");
            json.String("id", staff.Id);
            json.OptionalString("role", staff.Role is { } role ? Wire.Of(role) : null);
            json.EndObject();
        }

        json.String("time", LeafJson.FormatTime(entry.Time));
        json.OptionalString("traceId", entry.TraceId);
        json.OptionalString("transactionId", entry.TransactionId);
        json.Integer("v", Version);
        json.OptionalString("verdict", entry.Verdict is { } verdict ? Wire.Of(verdict) : null);
        if (entry.Withheld.Count > 0)
        {
            json.StartArray("withheld");
            foreach (var withheld in entry.Withheld)
            {
                json.StartObjectValue();
                json.String("field", withheld.Field);
                json.String("reason", Wire.Of(withheld.Reason));
                json.EndObject();
            }

            json.EndArray();
        }

        json.EndObject();
        return buffer.WrittenSpan;
    }

    /// <summary>Decodes a version 2 leaf; only canonical leaves whose every closed-set value is in its set are accepted.</summary>
    /// <param name="leaf">The leaf bytes.</param>
    /// <param name="entry">The entry, when the leaf is valid.</param>
    /// <param name="problem">Why it is not, otherwise.</param>
    /// <returns>Whether the leaf is a valid, canonical version 2 entry.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> leaf, out AccessLogEntry? entry, out string? problem) =>
        LeafJson.TryDecode(leaf, Version, Read, Encode, out entry, out problem);

    private static AccessLogEntry Read(JsonElement root) => new()
    {
        Index = root.GetProperty("index").GetInt64(),
        Time = LeafJson.ParseTime(root.GetProperty("time").GetString()),
        Party = root.GetProperty("party").GetString()!,
        Action = Closed<EntryAction>(root.GetProperty("action").GetString()),
        Decision = Closed<EntryDecision>(root.GetProperty("decision").GetString()),
        Reasons = List(root, "reasons", e => Closed<EntryReason>(e.GetString())),
        Emergency = root.GetProperty("emergency").GetBoolean(),
        Convenant = Text(root, "convenant"),
        Client = Text(root, "client"),
        Actor = Text(root, "actor"),
        ActorRole = Text(root, "actorRole"),
        OnBehalfOf = Text(root, "onBehalfOf"),
        Operation = Text(root, "operation"),
        Case = Text(root, "case"),
        Subject = Text(root, "subject"),
        Purpose = Text(root, "purpose"),
        ProcessingActivity = Text(root, "processingActivity"),
        PolicyVersion = Text(root, "policyVersion"),
        Rules = Strings(root, "rules"),
        LegalBasis = Strings(root, "legalBasis"),
        Supplied = Strings(root, "supplied"),
        Released = Strings(root, "released"),
        ReleasedViaEmergency = Strings(root, "releasedViaEmergency"),
        Withheld = List(root, "withheld", w => new WithheldField(w.GetProperty("field").GetString()!, Closed<WithheldReason>(w.GetProperty("reason").GetString()))),
        Items = Strings(root, "items"),
        Cases = Strings(root, "cases"),
        Signals = Strings(root, "signals"),
        Justification = Text(root, "justification") is { } committed
            ? TextCommitment.TryParse(committed, out var commitment) ? commitment : throw new FormatException("justification")
            : null,
        Status = Member(root, "status") is { } status
            ? new StatusChange(Text(status, "from") is { } from ? Closed<LoggedCaseStatus>(from) : null, Closed<LoggedCaseStatus>(status.GetProperty("to").GetString()))
            : null,
        Admitted = Text(root, "admitted"),
        Direction = Member(root, "direction") is { } direction
            ? new PartyChange(direction.GetProperty("from").GetString()!, direction.GetProperty("to").GetString()!)
            : null,
        Consent = Member(root, "consent") is { } consent
            ? new ConsentReference(consent.GetProperty("id").GetString()!, Strings(consent, "categories"), Strings(consent, "recipients"), Text(consent, "validUntil") is { } until ? LeafJson.ParseTime(until) : null)
            : null,
        RefersTo = Integer(root, "refersTo"),
        Bundle = Integer(root, "bundle"),
        Counts = Member(root, "counts") is { } counts
            ? new EntryCounts { ItemsDeleted = Integer(counts, "itemsDeleted"), DataKeysDestroyed = Integer(counts, "dataKeysDestroyed"), Rewrapped = Integer(counts, "rewrapped"), Retired = Integer(counts, "retired"), Hits = Integer(counts, "hits") }
            : null,
        TargetClient = Member(root, "targetClient") is { } client
            ? new ClientReference(client.GetProperty("id").GetString()!, Strings(client, "scopes"))
            : null,
        PlanAction = Member(root, "planAction") is { } plan
            ? new PlanActionReference(
                plan.GetProperty("id").GetString()!,
                Text(plan, "owner"),
                Text(plan, "status") is { } planStatus ? Closed<PlanActionStatus>(planStatus) : null,
                Text(plan, "step"),
                Strings(plan, "to") is { Length: > 0 } to ? to : null)
            : null,
        TargetStaff = Member(root, "targetStaff") is { } staff
            ? new StaffReference(staff.GetProperty("id").GetString()!, Text(staff, "role") is { } role ? Closed<StaffRole>(role) : null)
            : null,
        Key = Member(root, "key") is { } key
            ? new KekVersion(Closed<KeyProvider>(key.GetProperty("provider").GetString()), Text(key, "version"))
            : null,
        TransactionId = Text(root, "transactionId"),
        TraceId = Text(root, "traceId"),
        Verdict = Text(root, "verdict") is { } verdict ? Closed<ReviewVerdict>(verdict) : null,
        Query = Member(root, "query") is { } query
            ? new LogSearch(
                Text(query, "party"),
                Text(query, "actor"),
                Text(query, "case"),
                Text(query, "purpose"),
                Text(query, "action") is { } action ? Closed<EntryAction>(action) : null,
                Text(query, "decision") is { } decision ? Closed<EntryDecision>(decision) : null,
                query.TryGetProperty("emergency", out var emergency) ? emergency.GetBoolean() : null,
                Text(query, "from") is { } searchedFrom ? LeafJson.ParseTime(searchedFrom) : null,
                Text(query, "to") is { } searchedTo ? LeafJson.ParseTime(searchedTo) : null)
            : null,
    };

    /// <summary>Decodes a version 1 leaf, as written before version 2.</summary>
    /// <param name="leaf">The leaf bytes.</param>
    /// <param name="entry">The entry, when the leaf is valid.</param>
    /// <param name="problem">Why it is not, otherwise.</param>
    /// <returns>Whether the leaf is a valid, canonical version 1 entry.</returns>
    public static bool TryDecodeVersion1(ReadOnlySpan<byte> leaf, out AccessLogEntryV1? entry, out string? problem) =>
        LeafEncodingV1.TryDecode(leaf, out entry, out problem);

    /// <summary>Checks that a leaf is a valid, canonical entry of either version.</summary>
    /// <param name="leaf">The leaf bytes.</param>
    /// <param name="version">The leaf's version, when it is valid.</param>
    /// <param name="problem">Why it is not, otherwise.</param>
    /// <returns>Whether the leaf is valid.</returns>
    public static bool IsValid(ReadOnlySpan<byte> leaf, out int version, out string? problem)
    {
        version = ReadVersion(leaf);
        switch (version)
        {
            case Version:
                return TryDecode(leaf, out _, out problem);
            case LeafEncodingV1.Version:
                return LeafEncodingV1.TryDecode(leaf, out _, out problem);
            default:
                problem = "not an access-log leaf of a known version (1 or 2)";
                return false;
        }
    }

    /// <summary>Reads only the index member, fast, for verifying large logs.</summary>
    /// <param name="leaf">The leaf bytes.</param>
    /// <returns>The index, or -1 when there is none.</returns>
    public static long ReadIndex(ReadOnlySpan<byte> leaf) => ReadInteger(leaf, "index"u8);

    private static int ReadVersion(ReadOnlySpan<byte> leaf) => (int)Math.Clamp(ReadInteger(leaf, "v"u8), -1, int.MaxValue);

    private static long ReadInteger(ReadOnlySpan<byte> leaf, ReadOnlySpan<byte> name)
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
                var found = reader.ValueTextEquals(name);
                reader.Read();
                if (found)
                {
                    return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : -1;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return -1;
    }

    private static T Closed<T>(string? word)
        where T : struct, Enum => Wire.TryParse<T>(word, out var value) ? value : throw new FormatException($"'{word}' is not a value of {typeof(T).Name}.");

    private static void Strings(CanonicalJson json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.StartArray(name);
        foreach (var value in values)
        {
            json.StringValue(value);
        }

        json.EndArray();
    }

    private static void OptionalInteger(CanonicalJson json, string name, long? value)
    {
        if (value is { } number)
        {
            json.Integer(name, number);
        }
    }

    private static JsonElement? Member(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement root, string name) => LeafJson.Text(root, name);

    private static long? Integer(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetInt64() : null;

    private static string[] Strings(JsonElement root, string name) => LeafJson.Strings(root, name);

    private static T[] List<T>(JsonElement root, string name, Func<JsonElement, T> read) => LeafJson.List(root, name, read);
}
