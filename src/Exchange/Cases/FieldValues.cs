using System.Globalization;
using System.Text.Json;
using Avz.Policy.Model;

namespace Avz.Exchange.Cases;

/// <summary>Checks a supplied JSON value against its field's type and turns it into the text that is encrypted, and back.</summary>
internal static class FieldValues
{
    public const int MaxString = 200;
    public const int MaxText = 4000;

    public static ExchangeError? TryNormalize(FieldDefinition field, JsonElement value, out string text)
    {
        text = "";
        string? given = null;
        if (value.ValueKind == JsonValueKind.String && !TryReadText(value, out given))
        {
            return ExchangeErrors.InvalidText;
        }

        switch (field.Type)
        {
            case FieldType.Boolean:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return ExchangeErrors.WrongFieldType;
                }

                text = value.ValueKind == JsonValueKind.True ? "true" : "false";
                return null;
            case FieldType.String or FieldType.Text:
                if (given is not { Length: > 0 })
                {
                    return ExchangeErrors.WrongFieldType;
                }

                text = given;
                return text.Length > (field.Type == FieldType.String ? MaxString : MaxText) ? ExchangeErrors.ValueTooLong : null;
            case FieldType.Date:
                if (!DateOnly.TryParseExact(given, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return ExchangeErrors.WrongFieldType;
                }

                text = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return null;
            case FieldType.Enum:
                if (given is null || !field.Values.Contains(given, StringComparer.Ordinal))
                {
                    return ExchangeErrors.WrongFieldType;
                }

                text = given;
                return null;
            default:
                return ExchangeErrors.WrongFieldType;
        }
    }

    /// <summary>
    /// Reads a JSON string only when it is well-formed Unicode text: JSON lets an escape name a lone surrogate, which
    /// no UTF-8 can hold (System.Text.Json refuses to transcode it), and a control character such as NUL or an escape
    /// has no place in a case file. Tab, newline and carriage return are text.
    /// </summary>
    private static bool TryReadText(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return false;
            }
        }

        return !HasLoneSurrogate(text);
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value as the API returns it: booleans as JSON booleans, everything else as strings.</summary>
    public static object ToWire(FieldType type, string text) => type == FieldType.Boolean ? string.Equals(text, "true", StringComparison.Ordinal) : text;
}
