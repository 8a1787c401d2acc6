using System.Security.Cryptography;
using System.Text.Json;
using Avz.Exchange.Encryption;

namespace Avz.Exchange.Tests.Encryption;

/// <summary>
/// The two AES-256-GCM implementations behind field encryption: each meets the GCM specification's known answers,
/// refuses what was changed, and opens what the other sealed (a value stored by one must stay readable where only the
/// other runs).
/// </summary>
public sealed class FieldKeyTests
{
    public static TheoryData<string> Implementations => [Sodium, Platform];

    private const string Sodium = "libsodium";
    private const string Platform = "platform";

    [Theory]
    [MemberData(nameof(Implementations))]
    public void Seal_And_TryOpen_MeetTheGcmSpecificationsKnownAnswers(string implementation)
    {
        foreach (var vector in Vectors())
        {
            using var key = Make(implementation, vector.Key);
            var sealedBytes = new byte[vector.Plaintext.Length + FieldKey.TagLength];
            key.Seal(vector.Iv, vector.Plaintext, vector.Aad, sealedBytes);
            Assert.Equal(Convert.ToHexStringLower([.. vector.Ciphertext, .. vector.Tag]), Convert.ToHexStringLower(sealedBytes));

            var opened = new byte[vector.Plaintext.Length];
            Assert.True(key.TryOpen(vector.Iv, sealedBytes, vector.Aad, opened), vector.Name);
            Assert.Equal(vector.Plaintext, opened);

            for (var i = 0; i < sealedBytes.Length; i++)
            {
                var altered = (byte[])sealedBytes.Clone();
                altered[i] ^= 0x80;
                opened.AsSpan().Fill(0xA5);
                Assert.False(key.TryOpen(vector.Iv, altered, vector.Aad, opened), $"{vector.Name}: byte {i} changed");

                // No unauthenticated plaintext is left behind for a careless caller: the buffer is untouched or zeroed.
                Assert.True(opened.All(b => b == 0xA5) || opened.All(b => b == 0), $"{vector.Name}: plaintext left after byte {i} changed");
            }

            Assert.False(key.TryOpen(vector.Iv, sealedBytes, [.. vector.Aad, 0], opened), $"{vector.Name}: associated data changed");
        }
    }

    [Theory]
    [InlineData(Sodium, Platform)]
    [InlineData(Platform, Sodium)]
    public void EachImplementation_OpensWhatTheOtherSealed(string sealer, string opener)
    {
        var keyBytes = RandomNumberGenerator.GetBytes(FieldKey.KeyLength);
        using var sealing = Make(sealer, keyBytes);
        using var opening = Make(opener, keyBytes);
        var place = new FieldPlace(Guid.CreateVersion7(), Guid.CreateVersion7().ToString(), "diagnose");
        var keyId = Guid.CreateVersion7();

        // Lengths around the AES block (16 bytes) and the implementations' wider strides.
        foreach (var length in (int[])[0, 1, 15, 16, 17, 63, 64, 65, 100, 1000, 5000])
        {
            var plaintext = RandomNumberGenerator.GetBytes(length);
            var ciphertext = FieldCipher.Encrypt(sealing, keyId, 2, place, plaintext);
            Assert.Equal(plaintext, FieldCipher.Decrypt(opening, place, ciphertext));
            Assert.Throws<FieldDecryptionException>(() => FieldCipher.Decrypt(opening, place with { Field = "ander-veld" }, ciphertext));
        }
    }

    [Fact]
    public void Import_ChoosesLibsodium_WhereTheProcessorSupportsIt()
    {
        Assert.SkipUnless(SodiumFieldKey.IsSupported, "libsodium's AES-256-GCM needs the processor's AES and carry-less multiplication instructions; this one lacks them, and the platform's cipher is used.");
        using var key = FieldKey.Import(RandomNumberGenerator.GetBytes(FieldKey.KeyLength));
        Assert.IsType<SodiumFieldKey>(key);
    }

    /// <summary>A key of the named implementation; libsodium's is skipped where the processor cannot run it.</summary>
    internal static FieldKey Make(string implementation, byte[] key)
    {
        if (implementation == Sodium)
        {
            Assert.SkipUnless(SodiumFieldKey.IsSupported, "libsodium's AES-256-GCM needs the processor's AES and carry-less multiplication instructions.");
            return new SodiumFieldKey(key);
        }

        return new PlatformFieldKey(key);
    }

    private sealed record Vector(string Name, byte[] Key, byte[] Iv, byte[] Plaintext, byte[] Aad, byte[] Ciphertext, byte[] Tag);

    private static List<Vector> Vectors()
    {
        var path = Path.Combine(Avz.Testing.RepositoryPaths.Root, "tests", "testdata", "aes-gcm", "vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var vectors = document.RootElement.GetProperty("vectors").EnumerateArray()
            .Select(v => new Vector(
                v.GetProperty("name").GetString()!,
                Hex(v, "key"),
                Hex(v, "iv"),
                Hex(v, "plaintext"),
                Hex(v, "aad"),
                Hex(v, "ciphertext"),
                Hex(v, "tag")))
            .ToList();
        Assert.Equal(4, vectors.Count);
        return vectors;
    }

    private static byte[] Hex(JsonElement vector, string name) => Convert.FromHexString(vector.GetProperty(name).GetString()!);
}
