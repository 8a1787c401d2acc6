using System.Security.Cryptography;

namespace Avz.Exchange.Encryption;

/// <summary>
/// Random nonces from the operating system's CSPRNG, drawn four kilobytes at a time per thread: one
/// <see cref="RandomNumberGenerator.Fill"/> call per 341 field nonces instead of one per field (issue 16 measured the
/// call as a large part of a field's encryption). New transaction ids take their random bits here too
/// (<see cref="TransactionIds"/>). The bytes are as random as the generator's; a nonce is not secret, only unique,
/// and each buffered byte is handed out once.
/// </summary>
internal static class RandomNonces
{
    private const int BufferLength = 4096;

    [ThreadStatic]
    private static byte[]? buffer;

    /// <summary>Where the unused bytes begin; <see cref="BufferLength"/> (or a new thread's 0 with no buffer) means none left.</summary>
    [ThreadStatic]
    private static int used;

    /// <summary>Fills the destination with random bytes none of which was handed out before.</summary>
    public static void Fill(Span<byte> destination)
    {
        if (destination.Length > BufferLength)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }

        if (buffer is null || used + destination.Length > BufferLength)
        {
            buffer ??= new byte[BufferLength];
            RandomNumberGenerator.Fill(buffer);
            used = 0;
        }

        var source = buffer.AsSpan(used, destination.Length);
        source.CopyTo(destination);

        // Handed out once: cleared, so a later read of the buffer cannot give the same bytes again.
        source.Clear();
        used += destination.Length;
    }
}
