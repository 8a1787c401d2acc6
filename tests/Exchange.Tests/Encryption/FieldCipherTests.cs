using System.Security.Cryptography;
using System.Text;
using Avz.Exchange.Encryption;

namespace Avz.Exchange.Tests.Encryption;

public sealed class FieldCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly Guid KeyId = Guid.CreateVersion7();
    private static readonly FieldPlace Place = new(Guid.CreateVersion7(), Guid.CreateVersion7().ToString(), "diagnosis");

    [Fact]
    public void Encrypt_RoundTripsAndCarriesVersionAndKeyIdPrefix()
    {
        var ciphertext = FieldCipher.Encrypt(Key, KeyId, 3, Place, "Psychotische stoornis"u8);

        Assert.Equal(FieldCipher.Version, ciphertext[0]);
        Assert.Equal((KeyId, 3), FieldCipher.ReadKey(ciphertext, Place));
        Assert.Equal("Psychotische stoornis", Encoding.UTF8.GetString(FieldCipher.Decrypt(Key, Place, ciphertext)));
        Assert.NotEqual(ciphertext, FieldCipher.Encrypt(Key, KeyId, 3, Place, "Psychotische stoornis"u8));
    }

    [Fact]
    public void Decrypt_FailsWithAClearError_WhenTheCiphertextIsMovedToAnotherFieldItemOrCase()
    {
        var ciphertext = FieldCipher.Encrypt(Key, KeyId, 1, Place, "Psychotische stoornis"u8);

        foreach (var elsewhere in (FieldPlace[])[Place with { Field = "crisis-plan" }, Place with { Item = Guid.CreateVersion7().ToString() }, Place with { Case = Guid.CreateVersion7() }])
        {
            var error = Assert.Throws<FieldDecryptionException>(() => FieldCipher.Decrypt(Key, elsewhere, ciphertext));
            Assert.Contains(elsewhere.ToString(), error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Psychotische", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(FieldKeyTests.Implementations), MemberType = typeof(FieldKeyTests))]
    public void Decrypt_Fails_WhenAnyByteIsChanged(string implementation)
    {
        using var keyed = FieldKeyTests.Make(implementation, Key);
        var ciphertext = FieldCipher.Encrypt(keyed, KeyId, 1, Place, "Zwartveld"u8);
        for (var i = 0; i < ciphertext.Length; i++)
        {
            var altered = (byte[])ciphertext.Clone();
            altered[i] ^= 0x01;
            Assert.Throws<FieldDecryptionException>(() => FieldCipher.Decrypt(keyed, Place, altered));
        }
    }

    [Fact]
    public void Decrypt_Fails_UnderAnotherKey() =>
        Assert.Throws<FieldDecryptionException>(() => FieldCipher.Decrypt(RandomNumberGenerator.GetBytes(32), Place, FieldCipher.Encrypt(Key, KeyId, 1, Place, "x"u8)));

    /// <summary>
    /// The layout the class remarks document, built here byte by byte with .NET's AesGcm alone: stored ciphertexts must
    /// decrypt for as long as they are kept, whatever the cipher's code does to go faster, with either implementation of
    /// the key (<see cref="FieldKey"/>). Short names, non-ASCII names, and names long enough that the associated data
    /// outgrows a thread's first scratch buffer, in that order on one thread, and then short again.
    /// </summary>
    [Theory]
    [MemberData(nameof(FieldKeyTests.Implementations), MemberType = typeof(FieldKeyTests))]
    public void TheDocumentedLayout_IsWhatIsWrittenAndRead(string implementation)
    {
        using var keyed = FieldKeyTests.Make(implementation, Key);
        var places = new[]
        {
            Place,
            new FieldPlace(Guid.CreateVersion7(), "plan-van-aanpak-één", "signalen/ernstige-zorg-ü"),
            new FieldPlace(Guid.CreateVersion7(), new string('i', 300) + "é", new string('f', 400)),
            Place with { Field = "x" },
        };
        foreach (var place in places)
        {
            var plaintext = Encoding.UTF8.GetBytes($"waarde voor {place.Field.Length}");

            // Written by FieldCipher, read by hand.
            var ciphertext = FieldCipher.Encrypt(keyed, KeyId, 7, place, plaintext);
            var nonce = ciphertext.AsSpan(21, 12);
            var opened = new byte[plaintext.Length];
            using (var aes = new AesGcm(Key, 16))
            {
                aes.Decrypt(nonce, ciphertext.AsSpan(33, plaintext.Length), ciphertext.AsSpan(ciphertext.Length - 16), opened, DocumentedAssociatedData(place, ciphertext.AsSpan(0, 21)));
            }

            Assert.Equal(plaintext, opened);

            // Written by hand, read by FieldCipher, with its key kept as the data-key cache keeps it.
            var prefix = new byte[21];
            prefix[0] = FieldCipher.Version;
            KeyId.TryWriteBytes(prefix.AsSpan(1, 16), bigEndian: true, out _);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(17), 9);
            var handNonce = RandomNumberGenerator.GetBytes(12);
            var sealedBytes = new byte[plaintext.Length];
            var tag = new byte[16];
            using (var aes = new AesGcm(Key, 16))
            {
                aes.Encrypt(handNonce, plaintext, sealedBytes, tag, DocumentedAssociatedData(place, prefix));
            }

            Assert.Equal(plaintext, FieldCipher.Decrypt(keyed, place, [.. prefix, .. handNonce, .. sealedBytes, .. tag]));
        }
    }

    /// <summary>"avz-field/v1" 0x00 | case id (16, big-endian) | the 21-byte prefix | item (UTF-8) 0x00 | field (UTF-8).</summary>
    private static byte[] DocumentedAssociatedData(FieldPlace place, ReadOnlySpan<byte> prefix)
    {
        var caseId = new byte[16];
        place.Case.TryWriteBytes(caseId, bigEndian: true, out _);
        return [.. "avz-field/v1\0"u8, .. caseId, .. prefix, .. Encoding.UTF8.GetBytes(place.Item), 0, .. Encoding.UTF8.GetBytes(place.Field)];
    }
}
