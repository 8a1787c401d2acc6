using System.Buffers;
using System.Globalization;
using System.Text;

namespace Avz.Audit.Entries;

/// <summary>
/// A writer of RFC 8785 (JCS) canonical JSON for the values the access log uses: objects with members sorted by
/// UTF-16 code units, arrays, strings, booleans and integers within ±2^53 (so they print the same as JCS's
/// ECMAScript number form). Anyone can re-encode a parsed leaf and get the same bytes back.
/// </summary>
internal sealed class CanonicalJson
{
    private const long MaxSafeInteger = (1L << 53) - 1;
    private readonly ArrayBufferWriter<byte> buffer;

    public CanonicalJson(ArrayBufferWriter<byte> buffer) => this.buffer = buffer;

    /// <summary>Writes a value: string, bool, long/int, IReadOnlyList of values, or a member list (written sorted).</summary>
    public void Write(object? value)
    {
        switch (value)
        {
            case null: Raw("null"); break;
            case string s: WriteString(s); break;
            case bool b: Raw(b ? "true" : "false"); break;
            case int i: WriteInteger(i); break;
            case long l: WriteInteger(l); break;
            case SortedMembers members: WriteObject(members); break;
            case System.Collections.IEnumerable items: WriteArray(items); break;
            default: throw new ArgumentException($"The access log does not encode values of type {value.GetType().Name}.", nameof(value));
        }
    }

    private void WriteObject(SortedMembers members)
    {
        Raw("{");
        var first = true;
        foreach (var (name, value) in members)
        {
            if (!first)
            {
                Raw(",");
            }

            first = false;
            WriteString(name);
            Raw(":");
            Write(value);
        }

        Raw("}");
    }

    private void WriteArray(System.Collections.IEnumerable items)
    {
        Raw("[");
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                Raw(",");
            }

            first = false;
            Write(item);
        }

        Raw("]");
    }

    private void WriteInteger(long value)
    {
        if (value is > MaxSafeInteger or < -MaxSafeInteger)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "JCS integers must lie within ±(2^53 - 1).");
        }

        Raw(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>RFC 8785 §3.2.2.2: escape only '"', '\' and control characters; \b \t \n \f \r by name, others as lowercase \u00xx.</summary>
    private void WriteString(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                case < ' ': text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        text.Append('"');
        Raw(text.ToString());
    }

    private void Raw(string text)
    {
        // Lone surrogates cannot be encoded as UTF-8; JCS requires valid Unicode, so refuse them instead of replacing.
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var span = buffer.GetSpan(encoding.GetMaxByteCount(text.Length));
        buffer.Advance(encoding.GetBytes(text, span));
    }
}
