using System.Buffers.Binary;
using System.Security.Cryptography;
using Avz.Exchange.Encryption;

namespace Avz.Exchange;

/// <summary>
/// New transaction ids: version 7 UUIDs (RFC 9562 §5.7), 48 bits of Unix milliseconds and 74 random bits, the random
/// bits taken from <see cref="RandomNonces"/>, the per-thread buffer of .NET's cryptographic generator that field
/// nonces come from.
/// </summary>
/// <remarks>
/// <see cref="Guid.CreateVersion7()"/> reads 16 bytes of <c>/dev/urandom</c> for every id on Linux, a syscall per API
/// call, and <see cref="RandomNumberGenerator.Fill(Span{byte})"/> costs more per call through OpenSSL (issue 16;
/// <c>dotnet run -c Release --project bench/Exchange.Benchmarks -- cipher --filter '*TransactionId*'</c> measures the
/// three). A transaction id is returned to the caller and logged: like a nonce it must be unique and not guessable,
/// not secret.
/// </remarks>
public static class TransactionIds
{
    /// <summary>A new version 7 UUID for <paramref name="now"/>.</summary>
    public static Guid New(DateTimeOffset now)
    {
        Span<byte> id = stackalloc byte[16];
        RandomNonces.Fill(id[6..]);
        return Stamp(now, id);
    }

    /// <summary>
    /// The version 7 UUID of 16 bytes whose last ten are random: <paramref name="now"/>'s Unix milliseconds into the
    /// first six, then the version and variant bits over the random ones. The benchmark stamps other generators' bytes
    /// with it.
    /// </summary>
    internal static Guid Stamp(DateTimeOffset now, Span<byte> id)
    {
        var milliseconds = now.ToUnixTimeMilliseconds();
        BinaryPrimitives.WriteUInt16BigEndian(id, (ushort)(milliseconds >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(id[2..], (uint)milliseconds);

        // Version 7 in the high nibble of byte 6, the RFC 9562 variant (binary 10) in the top bits of byte 8.
        id[6] = (byte)((id[6] & 0x0F) | 0x70);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return new Guid(id, bigEndian: true);
    }
}
