using System.Security.Cryptography;
using System.Text;

namespace Avz.Audit.Notes;

/// <summary>Key names, key ids and key strings of C2SP signed-note for Ed25519 (signature type 0x01).</summary>
internal static class NoteKeys
{
    public const byte Ed25519Type = 0x01;

    /// <summary>Key id: the first four bytes of SHA-256(name || "\n" || 0x01 || public key), c2sp.org/signed-note.</summary>
    public static uint KeyId(string name, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = (byte)'\n';
        input[nameBytes.Length + 1] = Ed25519Type;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        var hash = SHA256.HashData(input);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash);
    }

    /// <summary>A key name is non-empty UTF-8 without spaces, newlines or '+' (c2sp.org/signed-note).</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !name.Any(c => c == ' ' || c == '+' || c == '\n' || char.IsControl(c) || char.IsWhiteSpace(c));

    /// <summary>Splits 'a+b+c' into at most <paramref name="count"/> parts; the last keeps any further '+', which base64 may contain.</summary>
    public static string[] Split(string text, int count) => text.Split('+', count);
}
