using System.Text.Json;
using Avz.Audit.Merkle;

namespace Avz.Audit.Tests.Merkle;

/// <summary>The 196 inclusion and consistency vectors of transparency-dev/merkle, in tests/testdata/merkle.</summary>
public sealed class MerkleVectorTests
{
    private static readonly string Folder = Path.Combine(TestPaths.TestData, "merkle");

    /// <summary>The reference tree of the vectors (their README).</summary>
    private static readonly string[] ReferenceLeaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    public static TheoryData<string> InclusionFiles() => [.. Files("inclusion")];

    public static TheoryData<string> ConsistencyFiles() => [.. Files("consistency")];

    [Fact]
    public void AllVectorFiles_ArePresent()
    {
        Assert.Equal(196, Files("inclusion").Length + Files("consistency").Length);
    }

    [Theory]
    [MemberData(nameof(InclusionFiles))]
    public void Inclusion_AgreesWithTheVector(string file)
    {
        var v = Read(file);
        var proof = Hashes(v, "proof");

        var valid = MerkleVerifier.VerifyInclusion(
            Number(v, "leafIdx"), Number(v, "treeSize"), Bytes(v, "leafHash"), proof, Bytes(v, "root"));

        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), valid);
    }

    [Theory]
    [MemberData(nameof(ConsistencyFiles))]
    public void Consistency_AgreesWithTheVector(string file)
    {
        var v = Read(file);

        var valid = MerkleVerifier.VerifyConsistency(
            Number(v, "size1"), Number(v, "size2"), Hashes(v, "proof"), Bytes(v, "root1"), Bytes(v, "root2"));

        Assert.Equal(!v.GetProperty("wantErr").GetBoolean(), valid);
    }

    [Fact]
    public void GeneratedProofs_EqualTheHappyPathVectors_OfTheReferenceTree()
    {
        var tree = new InMemoryNodes();
        foreach (var leaf in ReferenceLeaves)
        {
            tree.AppendLeaf(Convert.FromHexString(leaf));
        }

        var compared = 0;
        foreach (var file in Files("inclusion").Where(f => f.EndsWith("happy-path.json", StringComparison.Ordinal)))
        {
            var v = Read(file);
            var size = v.GetProperty("treeSize").GetInt64();
            if (size > ReferenceLeaves.Length || v.GetProperty("leafHash").GetString() is null)
            {
                continue;
            }

            var proof = MerkleTree.InclusionProof(v.GetProperty("leafIdx").GetInt64(), size, tree);
            Assert.Equal(Hashes(v, "proof").Select(Convert.ToBase64String), proof.Select(Convert.ToBase64String));
            Assert.Equal(Convert.ToBase64String(Bytes(v, "root")), Convert.ToBase64String(MerkleTree.Root(size, tree)));
            compared++;
        }

        foreach (var file in Files("consistency").Where(f => f.EndsWith("happy-path.json", StringComparison.Ordinal)))
        {
            var v = Read(file);
            var (size1, size2) = (v.GetProperty("size1").GetInt64(), v.GetProperty("size2").GetInt64());
            if (size2 > ReferenceLeaves.Length || size1 == 0)
            {
                continue;
            }

            var proof = MerkleTree.ConsistencyProof(size1, size2, tree);
            Assert.Equal(Hashes(v, "proof").Select(Convert.ToBase64String), proof.Select(Convert.ToBase64String));
            compared++;
        }

        Assert.True(compared >= 5, $"only {compared} happy paths compared");
    }

    [Fact]
    public void GeneratedProofs_Verify_ForEveryIndexAndSizePair_UpTo70Leaves()
    {
        var tree = new InMemoryNodes();
        for (var i = 0; i < 70; i++)
        {
            tree.AppendLeaf([(byte)i, (byte)(i * 7)]);
        }

        var leaf = new byte[32];
        for (long size = 1; size <= 70; size++)
        {
            var root = MerkleTree.Root(size, tree);
            for (long index = 0; index < size; index++)
            {
                tree.ReadNode(0, index, leaf);
                Assert.True(MerkleVerifier.VerifyInclusion(index, size, leaf, MerkleTree.InclusionProof(index, size, tree), root));
            }

            for (long size1 = 1; size1 <= size; size1++)
            {
                Assert.True(MerkleVerifier.VerifyConsistency(size1, size, MerkleTree.ConsistencyProof(size1, size, tree), MerkleTree.Root(size1, tree), root));
            }
        }
    }

    [Fact]
    public void EmptyTree_HasTheRootOfNothing() =>
        Assert.Equal("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", Convert.ToBase64String(MerkleTree.Root(0, new InMemoryNodes())));

    private static string[] Files(string kind) =>
        Directory.GetFiles(Path.Combine(Folder, kind), "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Folder, f))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The vectors use uint64; values past long.MaxValue reach the verifier as negative numbers, which it must refuse.</summary>
    private static long Number(JsonElement v, string name) => unchecked((long)v.GetProperty(name).GetUInt64());

    private static JsonElement Read(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file))).RootElement;

    private static byte[] Bytes(JsonElement v, string name) =>
        v.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Convert.FromBase64String(value.GetString()!) : [];

    private static byte[][] Hashes(JsonElement v, string name) =>
        v.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? [] : Convert.FromBase64String(e.GetString()!)).ToArray()
            : [];
}
