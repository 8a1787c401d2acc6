using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Avz.Exchange.Encryption;

/// <summary>
/// AES-256-GCM encryption of one field value under its case's data key (<see cref="FieldKey"/>: libsodium's or the platform's).
/// </summary>
/// <remarks>
/// Layout (version 1): <c>0x01 | data key id (16, big-endian UUID) | key version (4, big-endian) | nonce (12) |
/// ciphertext | tag (16)</c>. The associated data is <c>"avz-field/v1" 0x00 | case id (16) | the 21-byte prefix |
/// item (UTF-8) 0x00 | field (UTF-8)</c>, so a ciphertext copied into another field, item or case, or relabelled with
/// another key id or version, fails authentication. Nonces are random: a data key encrypts far fewer than 2^32
/// values (NIST SP 800-38D §8.3).
/// </remarks>
internal static class FieldCipher
{
    public const byte Version = 1;
    private const int PrefixLength = 1 + 16 + 4;
    private const int NonceLength = FieldKey.NonceLength;
    private const int TagLength = FieldKey.TagLength;

    /// <summary>
    /// Per thread, the buffer the associated data is written into: not counted first, not zeroed, not allocated per
    /// field (issue 16: <see cref="FieldCipher"/>'s own share of a field's encryption is what stands between the platform's
    /// AES-GCM and a million fields a second). The associated data is not secret (ids and names), so reuse is harmless.
    /// </summary>
    [ThreadStatic]
    private static byte[]? scratch;

    public static int Overhead => PrefixLength + NonceLength + TagLength;

    public static byte[] Encrypt(ReadOnlySpan<byte> key, Guid keyId, int keyVersion, FieldPlace place, ReadOnlySpan<byte> plaintext)
    {
        using var keyed = Keyed(key);
        return Encrypt(keyed, keyId, keyVersion, place, plaintext);
    }

    /// <summary>Encrypts with a key already imported for the cipher (its key schedule kept, see <see cref="DataKeyCache"/>).</summary>
    public static byte[] Encrypt(FieldKey key, Guid keyId, int keyVersion, FieldPlace place, ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[Overhead + plaintext.Length];
        WritePrefix(output, keyId, keyVersion);
        var nonce = output.AsSpan(PrefixLength, NonceLength);
        RandomNonces.Fill(nonce);
        var associated = AssociatedData(place, output.AsSpan(0, PrefixLength));
        key.Seal(nonce, plaintext, associated, output.AsSpan(PrefixLength + NonceLength));
        return output;
    }

    /// <summary>A data key imported for <see cref="Encrypt(FieldKey, Guid, int, FieldPlace, ReadOnlySpan{byte})"/> and <see cref="Decrypt(FieldKey, FieldPlace, ReadOnlySpan{byte})"/>.</summary>
    public static FieldKey Keyed(ReadOnlySpan<byte> key) => FieldKey.Import(key);

    /// <summary>Reads the data key id and version a ciphertext names, so the caller can fetch the right key.</summary>
    public static (Guid KeyId, int KeyVersion) ReadKey(ReadOnlySpan<byte> ciphertext, FieldPlace place)
    {
        if (ciphertext.Length < Overhead || ciphertext[0] != Version)
        {
            throw new FieldDecryptionException($"The value at {place} is not a version-{Version} field ciphertext.");
        }

        return (new Guid(ciphertext.Slice(1, 16), bigEndian: true), BinaryPrimitives.ReadInt32BigEndian(ciphertext.Slice(17, 4)));
    }

    public static byte[] Decrypt(ReadOnlySpan<byte> key, FieldPlace place, ReadOnlySpan<byte> ciphertext)
    {
        using var keyed = Keyed(key);
        return Decrypt(keyed, place, ciphertext);
    }

    /// <summary>Decrypts with a key already imported for the cipher.</summary>
    public static byte[] Decrypt(FieldKey key, FieldPlace place, ReadOnlySpan<byte> ciphertext)
    {
        ReadKey(ciphertext, place);
        var plaintext = new byte[ciphertext.Length - Overhead];
        Open(key, place, ciphertext, plaintext);
        return plaintext;
    }

    /// <summary>
    /// Decrypts a text value with a key already imported for the cipher, into a buffer on the stack (pooled for long
    /// values) that is cleared before it returns: the value leaves only as its string, with no plaintext array left to
    /// the collector (issue 16: a request's answer decrypts a field at a time).
    /// </summary>
    public static string DecryptText(FieldKey key, FieldPlace place, ReadOnlySpan<byte> ciphertext)
    {
        ReadKey(ciphertext, place);
        var length = ciphertext.Length - Overhead;
        byte[]? rented = null;
        var plaintext = (length <= StackText ? stackalloc byte[StackText] : (rented = ArrayPool<byte>.Shared.Rent(length)))[..length];
        try
        {
            Open(key, place, ciphertext, plaintext);
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The longest plaintext <see cref="DecryptText"/> takes on the stack: a string field's 200 characters at up to four bytes each, and then some.</summary>
    private const int StackText = 1024;

    /// <summary>Opens a checked ciphertext (<see cref="ReadKey"/>) into <paramref name="plaintext"/>, its exact length; throws where it does not belong.</summary>
    private static void Open(FieldKey key, FieldPlace place, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
    {
        var associated = AssociatedData(place, ciphertext[..PrefixLength]);
        if (!key.TryOpen(ciphertext.Slice(PrefixLength, NonceLength), ciphertext[(PrefixLength + NonceLength)..], associated, plaintext))
        {
            throw new FieldDecryptionException($"The value at {place} does not decrypt there: it was encrypted for another field, item or case, or it was altered.");
        }
    }

    private static void WritePrefix(Span<byte> output, Guid keyId, int keyVersion)
    {
        output[0] = Version;
        keyId.TryWriteBytes(output.Slice(1, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(output.Slice(17, 4), keyVersion);
    }

    private static ReadOnlySpan<byte> Label => "avz-field/v1\0"u8;

    /// <summary>Writes the associated data (see the remarks) into this thread's scratch buffer and returns it there; valid until the thread's next call.</summary>
    private static ReadOnlySpan<byte> AssociatedData(FieldPlace place, ReadOnlySpan<byte> prefix)
    {
        // An upper bound, not a count: UTF-8 takes at most GetMaxByteCount bytes, and the encoder reports what it wrote.
        var bound = Label.Length + 16 + PrefixLength + Encoding.UTF8.GetMaxByteCount(place.Item.Length) + 1 + Encoding.UTF8.GetMaxByteCount(place.Field.Length);
        var buffer = scratch is { } kept && kept.Length >= bound ? kept : scratch = new byte[Math.Max(bound, 512)];
        var span = buffer.AsSpan();
        Label.CopyTo(span);
        var at = Label.Length;
        place.Case.TryWriteBytes(span.Slice(at, 16), bigEndian: true, out _);
        at += 16;
        prefix.CopyTo(span[at..]);
        at += prefix.Length;
        at += Encoding.UTF8.GetBytes(place.Item, span[at..]);
        span[at++] = 0;
        at += Encoding.UTF8.GetBytes(place.Field, span[at..]);
        return span[..at];
    }
}
