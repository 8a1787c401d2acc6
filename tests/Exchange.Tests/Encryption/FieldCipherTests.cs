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

    [Fact]
    public void Decrypt_Fails_WhenAnyByteIsChanged()
    {
        var ciphertext = FieldCipher.Encrypt(Key, KeyId, 1, Place, "Zwartveld"u8);
        for (var i = 0; i < ciphertext.Length; i++)
        {
            var altered = (byte[])ciphertext.Clone();
            altered[i] ^= 0x01;
            Assert.Throws<FieldDecryptionException>(() => FieldCipher.Decrypt(Key, Place, altered));
        }
    }

    [Fact]
    public void Decrypt_Fails_UnderAnotherKey() =>
        Assert.Throws<FieldDecryptionException>(() => FieldCipher.Decrypt(RandomNumberGenerator.GetBytes(32), Place, FieldCipher.Encrypt(Key, KeyId, 1, Place, "x"u8)));
}
