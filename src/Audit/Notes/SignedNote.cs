namespace Avz.Audit.Notes;

/// <summary>The envelope of c2sp.org/signed-note: text, a blank line, signature lines "— name base64(keyid||signature)".</summary>
internal static class SignedNote
{
    /// <summary>U+2014 EM DASH, which starts every signature line.</summary>
    public const string SignatureDash = "\u2014";

    public static void CheckText(string text)
    {
        if (!IsValidText(text))
        {
            throw new ArgumentException("A note's text must be non-empty, end in a newline and contain no other control characters.", nameof(text));
        }
    }

    public static bool IsValidText(string text) =>
        text.Length > 0 && text[^1] == '\n' && !text.Any(c => c != '\n' && char.IsControl(c)) && !text.Contains('\uFFFD', StringComparison.Ordinal);

    public static bool TryParse(string note, out string text, out List<(string Name, uint KeyId, byte[] Signature)> signatures)
    {
        text = "";
        signatures = [];
        if (note is null || note.Length == 0 || note[^1] != '\n')
        {
            return false;
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }

        text = note[..(split + 1)];
        if (!IsValidText(text))
        {
            return false;
        }

        foreach (var line in note[(split + 2)..^1].Split('\n'))
        {
            var prefix = SignatureDash + " ";
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return false;
            }

            var rest = line[prefix.Length..];
            var space = rest.LastIndexOf(' ');
            if (space <= 0)
            {
                return false;
            }

            if (!CanonicalBase64.TryDecode(rest[(space + 1)..], out var blob) || blob.Length < 5)
            {
                return false;
            }

            signatures.Add((rest[..space], System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(blob), blob[4..]));
        }

        return signatures.Count > 0;
    }
}
