using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Avz.Audit.Entries;

/// <summary>
/// Writes RFC 8785 (JCS) canonical JSON for the values the access log uses: strings, booleans, integers within
/// ±(2^53 − 1) (which print the same as JCS's ECMAScript number form) and arrays of those. The caller writes object
/// members in JCS order, sorted by the UTF-16 code units of their names; <see cref="LeafEncoding"/> does so with a
/// fixed member list that a test checks against an ordinal sort.
/// </summary>
internal sealed class CanonicalJson(ArrayBufferWriter<byte> buffer)
{
    private const long MaxSafeInteger = (1L << 53) - 1;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The characters RFC 8785 escapes: control characters, '"' and '\'.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (char)c), '"', '\\']);

    private bool needsComma;

    public void StartObject() => Raw((byte)'{', startsValue: true, opens: true);

    public void EndObject() => Close((byte)'}');

    public void StartArray(string name)
    {
        Name(name);
        Raw((byte)'[', startsValue: false, opens: true);
    }

    public void EndArray() => Close((byte)']');

    public void String(string name, string value)
    {
        Name(name);
        Text(value);
        needsComma = true;
    }

    public void StringValue(string value)
    {
        Separator();
        Text(value);
        needsComma = true;
    }

    public void OptionalString(string name, string? value)
    {
        if (value is not null)
        {
            String(name, value);
        }
    }

    public void Boolean(string name, bool value)
    {
        Name(name);
        Ascii(value ? "true" : "false");
        needsComma = true;
    }

    public void Integer(string name, long value)
    {
        if (value is > MaxSafeInteger or < -MaxSafeInteger)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "JCS integers must lie within ±(2^53 - 1).");
        }

        Name(name);
        var span = buffer.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        buffer.Advance(written);
        needsComma = true;
    }

    public void StartObject(string name)
    {
        Name(name);
        Raw((byte)'{', startsValue: false, opens: true);
    }

    public void StartObjectValue()
    {
        Separator();
        Raw((byte)'{', startsValue: false, opens: true);
    }

    private void Name(string name)
    {
        Separator();
        Text(name);
        Ascii(":");
        needsComma = false;
    }

    private void Separator()
    {
        if (needsComma)
        {
            Ascii(",");
        }
    }

    private void Raw(byte b, bool startsValue, bool opens)
    {
        if (startsValue)
        {
            Separator();
        }

        var span = buffer.GetSpan(1);
        span[0] = b;
        buffer.Advance(1);
        needsComma = !opens;
    }

    private void Close(byte b)
    {
        var span = buffer.GetSpan(1);
        span[0] = b;
        buffer.Advance(1);
        needsComma = true;
    }

    private void Ascii(string text)
    {
        var span = buffer.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        buffer.Advance(text.Length);
    }

    /// <summary>
    /// RFC 8785 §3.2.2.2: escape only '"', '\' and control characters; \b \t \n \f \r by name, others as lowercase
    /// \u00xx. Lone surrogates are refused. The runs between escapes are found with a vectorised search and transcoded
    /// whole: every append encodes its entry on the caller's thread, and on a 2-core machine that CPU is taken from the
    /// log's single writer (issue 16).
    /// </summary>
    private void Text(string value)
    {
        Ascii("\"");
        var rest = value.AsSpan();
        int at;
        while ((at = rest.IndexOfAny(Escaped)) >= 0)
        {
            Utf8Run(rest[..at]);
            var c = rest[at];
            Ascii(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\t' => "\\t",
                '\n' => "\\n",
                '\f' => "\\f",
                '\r' => "\\r",
                _ => "\\u00" + ((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture),
            });
            rest = rest[(at + 1)..];
        }

        Utf8Run(rest);
        Ascii("\"");
    }

    private void Utf8Run(ReadOnlySpan<char> run)
    {
        if (run.IsEmpty)
        {
            return;
        }

        var span = buffer.GetSpan(Utf8.GetMaxByteCount(run.Length));
        buffer.Advance(Utf8.GetBytes(run, span));
    }
}
