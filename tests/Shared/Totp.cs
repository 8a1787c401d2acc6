using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Avz.Testing;

/// <summary>
/// An authenticator app, written from RFC 6238 (TOTP: HOTP of RFC 4226 over 30-second steps, HMAC-SHA1, 6 digits) and
/// RFC 4648 base32, independent of the gateway's own implementation.
/// </summary>
public static class Totp
{
    /// <summary>The code an authenticator app shows at a moment.</summary>
    /// <param name="base32Key">The key as enrolment shows it.</param>
    /// <param name="at">The moment.</param>
    /// <returns>Six digits.</returns>
    public static string Code(string base32Key, DateTimeOffset at)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // RFC 6238's default, and what every authenticator app computes.
        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
