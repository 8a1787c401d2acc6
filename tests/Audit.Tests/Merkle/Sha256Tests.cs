using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Avz.Audit.Merkle;

namespace Avz.Audit.Tests.Merkle;

/// <summary>
/// The tree's SHA-256: OpenSSL's low-level functions where they load, .NET's one-shot otherwise. Both must give the
/// known answers of tests/testdata/sha-256, and the same hash for every split of a message into its two parts.
/// </summary>
public sealed class Sha256Tests
{
    public static TheoryData<string> VectorNames() => [.. Vectors().Select(v => v.Name)];

    [Fact]
    public void OnLinux_OpenSslsLowLevelFunctionsAreUsed()
    {
        // .NET's cryptography on Linux is OpenSSL, so its libcrypto is there; only a build without deprecated
        // interfaces would lack the functions, and then this test says so instead of the log silently taking the slower path.
        Assert.SkipUnless(OperatingSystem.IsLinux(), "The low-level path is for Linux, where .NET's cryptography is OpenSSL.");

        Assert.True(Sha256.Native, "libcrypto's SHA256_Init, SHA256_Update and SHA256_Final did not load or did not answer SHA-256(\"abc\") correctly.");
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void BothImplementations_GiveTheKnownAnswer_ForEverySplit(string name)
    {
        var vector = Vectors().Single(v => v.Name == name);
        var message = vector.Message;
        var splits = message.Length < 200 ? Enumerable.Range(0, message.Length + 1) : [0, 1, 63, 64, 65, message.Length - 1, message.Length];

        foreach (var at in splits)
        {
            var platform = new byte[32];
            Sha256.HashPlatform(message.AsSpan(0, at), message.AsSpan(at), platform);
            Assert.Equal(vector.Digest, platform);
            if (Sha256.Native)
            {
                // Only where the functions loaded (the test above requires that on Linux): the pointers are null otherwise.
                var native = new byte[32];
                Sha256.HashNative(message.AsSpan(0, at), message.AsSpan(at), native);
                Assert.Equal(vector.Digest, native);
            }
        }

        var chosen = new byte[32];
        Sha256.Hash(message, chosen);
        Assert.Equal(vector.Digest, chosen);
    }

    [Fact]
    public void LeafAndNodeHashes_AreThoseOfRfc9162_OverRandomMessages()
    {
        // Up to a few blocks past the largest leaf a gateway writes: prefix and leaf are hashed without a copy, so the
        // block boundaries fall at every offset of the leaf.
        var random = new Random(9162);
        for (var length = 0; length <= 3000; length += 1 + random.Next(7))
        {
            var leaf = new byte[length];
            random.NextBytes(leaf);

            Assert.Equal(SHA256.HashData([0x00, .. leaf]), MerkleHash.Leaf(leaf));
        }

        var (left, right) = (new byte[32], new byte[32]);
        random.NextBytes(left);
        random.NextBytes(right);
        Assert.Equal(SHA256.HashData([0x01, .. left, .. right]), MerkleHash.Node(left, right));
    }

    [Fact]
    public void ADestinationShorterThanAHash_IsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Sha256.Hash("abc"u8, new byte[31]));

        Assert.Equal("destination", ex.ParamName);
    }

    private sealed record Vector(string Name, byte[] Message, byte[] Digest);

    private static List<Vector> Vectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.TestData, "sha-256", "vectors.json")));
        var vectors = document.RootElement.GetProperty("vectors").EnumerateArray()
            .Select(v => new Vector(
                v.GetProperty("name").GetString()!,
                Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(v.GetProperty("message").GetString()!, v.TryGetProperty("repeat", out var repeat) ? repeat.GetInt32() : 1))),
                Convert.FromHexString(v.GetProperty("digest").GetString()!)))
            .ToList();
        Assert.Equal(5, vectors.Count);
        return vectors;
    }
}
