namespace Avz.Exchange.Encryption;

/// <summary>
/// A data key ready to seal and open field values with AES-256-GCM (12-byte nonce, 16-byte tag after the
/// ciphertext). Two implementations of the same standard algorithm, so either opens what the other sealed: libsodium's
/// (<see cref="SodiumFieldKey"/>) where the processor has the AES and carry-less multiplication instructions it needs,
/// and .NET's <c>AesGcm</c> over the platform's OpenSSL (<see cref="PlatformFieldKey"/>) elsewhere.
/// </summary>
/// <remarks>
/// Why two (issue 16): for a 100-byte field .NET's <c>AesGcm</c> spent 0.85 µs a call on this project's machine, most
/// of it around the cipher rather than in it (OpenSSL 3 re-initialising its context for the nonce, and clearing its
/// error queue on every one of the several calls a field takes); libsodium's one call took 0.19 µs
/// (bench/results/field-encryption.md). An instance is used by one caller at a time: <c>AesGcm</c> is not safe for
/// concurrent use, and <see cref="DataKeyCache"/> rents one per user of a key either way.
/// </remarks>
internal abstract class FieldKey : IDisposable
{
    public const int KeyLength = 32;
    public const int NonceLength = 12;
    public const int TagLength = 16;

    /// <summary>A key for the fastest implementation this processor supports.</summary>
    public static FieldKey Import(ReadOnlySpan<byte> key) => SodiumFieldKey.IsSupported ? new SodiumFieldKey(key) : new PlatformFieldKey(key);

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="sealedOutput"/>: the ciphertext, then the tag (<see cref="TagLength"/> bytes more).</summary>
    public abstract void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associated, Span<byte> sealedOutput);

    /// <summary>Decrypts the ciphertext and tag in <paramref name="sealedInput"/>; false when the tag does not authenticate them, and then no plaintext is left in <paramref name="plaintext"/>.</summary>
    public abstract bool TryOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedInput, ReadOnlySpan<byte> associated, Span<byte> plaintext);

    public abstract void Dispose();
}
