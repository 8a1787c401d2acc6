using System.Globalization;
using System.Text.Json;

namespace Avz.Audit.Index;

/// <summary>
/// One entry as the log index holds it: the members privacy officers search by. Derived from the leaf alone, so the
/// index can always be rebuilt from the log (<c>avz audit reindex</c>) and compared with it.
/// </summary>
/// <param name="Index">The entry's index.</param>
/// <param name="Time">When it was appended.</param>
/// <param name="Party">The calling party.</param>
/// <param name="Client">The calling client.</param>
/// <param name="Actor">The acting professional.</param>
/// <param name="Role">Their role.</param>
/// <param name="Case">The case.</param>
/// <param name="Subject">The subject's pseudonym.</param>
/// <param name="Purpose">The purpose.</param>
/// <param name="Action">The action word.</param>
/// <param name="Decision">The decision word.</param>
/// <param name="Emergency">Whether emergency access was used or attempted.</param>
/// <param name="Reasons">The reason words, space-separated, or null.</param>
/// <param name="Found">For <c>case.search</c>: how many cases it found.</param>
/// <param name="RefersTo">The entry this one is about.</param>
/// <param name="Verdict">A review verdict's word.</param>
/// <param name="StatusTo">For <c>case.status</c> and <c>case.register</c>: the status the case moved to.</param>
public readonly record struct LogIndexRow(
    long Index,
    DateTimeOffset Time,
    string? Party,
    string? Client,
    string? Actor,
    string? Role,
    string? Case,
    string? Subject,
    string? Purpose,
    string? Action,
    string? Decision,
    bool Emergency,
    string? Reasons = null,
    long? Found = null,
    long? RefersTo = null,
    string? Verdict = null,
    string? StatusTo = null)
{
    /// <summary>Whether a stored row says what this one says; times compare to the microsecond, PostgreSQL's precision.</summary>
    /// <param name="stored">The row as the index holds it.</param>
    /// <returns>True when they agree.</returns>
    public bool Matches(LogIndexRow stored) =>
        this with { Time = Microseconds(Time) } == stored with { Time = Microseconds(stored.Time) };

    private static string Words(ref Utf8JsonReader reader)
    {
        var words = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            words.Add(reader.GetString()!);
        }

        return string.Join(' ', words);
    }

    private static string? To(ref Utf8JsonReader reader)
    {
        string? to = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            to = name == "to" && reader.TokenType == JsonTokenType.String ? reader.GetString() : to;
        }

        return to;
    }

    private static long Count(ref Utf8JsonReader reader)
    {
        var count = 0L;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        return count;
    }

    private static DateTimeOffset Microseconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>Reads the indexed members of a leaf (any leaf version): one pass over its top-level members.</summary>
    /// <param name="leaf">The leaf bytes.</param>
    /// <returns>The row; members the leaf lacks are null.</returns>
    /// <exception cref="JsonException">The leaf is not a JSON object.</exception>
    public static LogIndexRow Read(ReadOnlySpan<byte> leaf)
    {
        var reader = new Utf8JsonReader(leaf);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A leaf is a JSON object.");
        }

        var row = default(LogIndexRow);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            row = (name, reader.TokenType) switch
            {
                ("index", JsonTokenType.Number) => row with { Index = reader.GetInt64() },
                ("time", JsonTokenType.String) => row with { Time = DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) },
                ("party", JsonTokenType.String) => row with { Party = reader.GetString() },
                ("client", JsonTokenType.String) => row with { Client = reader.GetString() },
                ("actor", JsonTokenType.String) => row with { Actor = reader.GetString() },
                ("actorRole", JsonTokenType.String) => row with { Role = reader.GetString() },
                ("case", JsonTokenType.String) => row with { Case = reader.GetString() },
                ("subject", JsonTokenType.String) => row with { Subject = reader.GetString() },
                ("purpose", JsonTokenType.String) => row with { Purpose = reader.GetString() },
                ("action", JsonTokenType.String) => row with { Action = reader.GetString() },
                ("decision", JsonTokenType.String) => row with { Decision = reader.GetString() },
                ("emergency", JsonTokenType.True) => row with { Emergency = true },
                ("reasons", JsonTokenType.StartArray) => row with { Reasons = Words(ref reader) },
                ("cases", JsonTokenType.StartArray) => row with { Found = Count(ref reader) },
                ("refersTo", JsonTokenType.Number) => row with { RefersTo = reader.GetInt64() },
                ("verdict", JsonTokenType.String) => row with { Verdict = reader.GetString() },
                ("status", JsonTokenType.StartObject) => row with { StatusTo = To(ref reader) },
                _ => row,
            };
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }
        }

        // A search that found nothing has no 'cases' member (empty lists are absent).
        return row.Action == "case.search" && row.Found is null ? row with { Found = 0 } : row;
    }
}
