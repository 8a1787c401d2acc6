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
                if (value.ValueKind != JsonValueKind.String)
                {
                    return ExchangeErrors.WrongFieldType;
                }

                text = value.GetString()!;
                if (text.Length == 0)
                {
                    return ExchangeErrors.WrongFieldType;
                }

                return text.Length > (field.Type == FieldType.String ? MaxString : MaxText) ? ExchangeErrors.ValueTooLong : null;
            case FieldType.Date:
                if (value.ValueKind != JsonValueKind.String
                    || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return ExchangeErrors.WrongFieldType;
                }

                text = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return null;
            case FieldType.Enum:
                if (value.ValueKind != JsonValueKind.String || !field.Values.Contains(value.GetString()!, StringComparer.Ordinal))
                {
                    return ExchangeErrors.WrongFieldType;
                }

                text = value.GetString()!;
                return null;
            default:
                return ExchangeErrors.WrongFieldType;
        }
    }

    /// <summary>The value as the API returns it: booleans as JSON booleans, everything else as strings.</summary>
    public static object ToWire(FieldType type, string text) => type == FieldType.Boolean ? string.Equals(text, "true", StringComparison.Ordinal) : text;
}
