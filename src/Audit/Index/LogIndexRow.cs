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
            var isTo = reader.ValueTextEquals("to"u8);
            reader.Read();
            to = isTo && reader.TokenType == JsonTokenType.String ? reader.GetString() : to;
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
            // Members compared as UTF-8, values read only for the members the index keeps: this runs for every entry.
            if (reader.ValueTextEquals("index"u8) && reader.Read())
            {
                row = row with { Index = reader.GetInt64() };
            }
            else if (reader.ValueTextEquals("time"u8) && reader.Read())
            {
                row = row with { Time = reader.GetDateTimeOffset() };
            }
            else if (reader.ValueTextEquals("party"u8) && reader.Read())
            {
                row = row with { Party = reader.GetString() };
            }
            else if (reader.ValueTextEquals("client"u8) && reader.Read())
            {
                row = row with { Client = reader.GetString() };
            }
            else if (reader.ValueTextEquals("actor"u8) && reader.Read())
            {
                row = row with { Actor = reader.GetString() };
            }
            else if (reader.ValueTextEquals("actorRole"u8) && reader.Read())
            {
                row = row with { Role = reader.GetString() };
            }
            else if (reader.ValueTextEquals("case"u8) && reader.Read())
            {
                row = row with { Case = reader.GetString() };
            }
            else if (reader.ValueTextEquals("subject"u8) && reader.Read())
            {
                row = row with { Subject = reader.GetString() };
            }
            else if (reader.ValueTextEquals("purpose"u8) && reader.Read())
            {
                row = row with { Purpose = reader.GetString() };
            }
            else if (reader.ValueTextEquals("action"u8) && reader.Read())
            {
                row = row with { Action = reader.GetString() };
            }
            else if (reader.ValueTextEquals("decision"u8) && reader.Read())
            {
                row = row with { Decision = reader.GetString() };
            }
            else if (reader.ValueTextEquals("emergency"u8) && reader.Read())
            {
                row = row with { Emergency = reader.TokenType == JsonTokenType.True };
            }
            else if (reader.ValueTextEquals("reasons"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                row = row with { Reasons = Words(ref reader) };
            }
            else if (reader.ValueTextEquals("cases"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                row = row with { Found = Count(ref reader) };
            }
            else if (reader.ValueTextEquals("refersTo"u8) && reader.Read())
            {
                row = row with { RefersTo = reader.GetInt64() };
            }
            else if (reader.ValueTextEquals("verdict"u8) && reader.Read())
            {
                row = row with { Verdict = reader.GetString() };
            }
            else if (reader.ValueTextEquals("status"u8) && reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                row = row with { StatusTo = To(ref reader) };
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // A search that found nothing has no 'cases' member (empty lists are absent).
        return row.Action == "case.search" && row.Found is null ? row with { Found = 0 } : row;
    }
}
