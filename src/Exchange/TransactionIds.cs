using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Avz.Exchange;

/// <summary>
/// New transaction ids: version 7 UUIDs (RFC 9562 §5.7), 48 bits of Unix milliseconds and 74 random bits, the random
/// bits drawn from .NET's cryptographic generator (<see cref="RandomNumberGenerator"/>) a kilobyte at a time.
/// </summary>
/// <remarks>
/// <see cref="Guid.CreateVersion7()"/> reads 16 bytes of <c>/dev/urandom</c> for every id on Linux, a syscall per API
/// call, and <see cref="RandomNumberGenerator.Fill(Span{byte})"/> costs more per call through OpenSSL. Drawing 1,024
/// bytes at once gives 102 ids a call (issue 16; <c>dotnet run -c Release --project bench/Exchange.Benchmarks --
/// cipher --filter '*TransactionId*'</c> measures the three). A transaction id is returned to the caller and logged: it
/// must be unique and not guessable, not secret. Each thread keeps its own buffer and clears the bytes it hands out.
/// </remarks>
public static class TransactionIds
{
    private const int RandomBytes = 10;

    [ThreadStatic]
    private static byte[]? pool;

    [ThreadStatic]
    private static int taken;

    /// <summary>A new version 7 UUID for <paramref name="now"/>.</summary>
    public static Guid New(DateTimeOffset now)
    {
        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(id[..8], now.ToUnixTimeMilliseconds() << 16);
        Take(id[6..]);

        // Version 7 in the high nibble of byte 6, the RFC 9562 variant (binary 10) in the top bits of byte 8.
        id[6] = (byte)((id[6] & 0x0F) | 0x70);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return new Guid(id, bigEndian: true);
    }

    /// <summary>The next <see cref="RandomBytes"/> bytes of this thread's buffer, drawing a new buffer when it is used up.</summary>
    private static void Take(Span<byte> destination)
    {
        // Position 0 means a buffer not yet drawn, or used up.
        var bytes = pool ??= new byte[1024];
        if (taken == 0)
        {
            RandomNumberGenerator.Fill(bytes);
        }

        var next = bytes.AsSpan(taken, RandomBytes);
        next.CopyTo(destination);
        next.Clear();
        taken += RandomBytes;
        if (taken + RandomBytes > bytes.Length)
        {
            taken = 0;
        }
    }
}
