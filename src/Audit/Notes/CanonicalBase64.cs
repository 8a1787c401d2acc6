namespace Avz.Audit.Notes;

/// <summary>
/// Standard base64 (RFC 4648 §4) as the signed-note and checkpoint formats write it, read strictly: only the one
/// encoding of the bytes is accepted.
/// </summary>
/// <remarks>
/// .NET's decoder, like Go's by default, ignores white space and the unused low bits of the last character before the
/// padding: "AB==" and "AA==" both decode to one zero byte. A signature line rewritten that way decodes to the same
/// signature and verifies, though the stored note is no longer the note that was signed; the tamper tests found it
/// when a changed character happened to fall there. Every note this log signs is canonical, so refusing the other
/// encodings refuses no note it wrote.
/// </remarks>
internal static class CanonicalBase64
{
    /// <summary>Decodes <paramref name="text"/> if it is the canonical standard base64 of its bytes.</summary>
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return false;
        }

        if (!string.Equals(Convert.ToBase64String(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}
