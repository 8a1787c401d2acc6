using System.Text;
using System.Text.Json;
using Avz.Audit.Notes;

namespace Avz.Audit.Tests.Notes;

/// <summary>The signed-note known answers in tests/testdata/signed-note/vectors.json.</summary>
public sealed class SignedNoteVectorTests
{
    public static TheoryData<string> Vectors() => [.. Load().Select(v => v.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Note_VerifiesWithItsKey_AndYieldsItsText(string name)
    {
        var v = Vector(name);
        var verifier = NoteVerifier.Parse(v.GetProperty("verifierKey").GetString()!);

        Assert.True(verifier.TryVerify(v.GetProperty("note").GetString()!, out var text));
        Assert.Equal(v.GetProperty("text").GetString(), text);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Note_WithAnyByteChanged_FailsToVerify(string name)
    {
        var v = Vector(name);
        var verifier = NoteVerifier.Parse(v.GetProperty("verifierKey").GetString()!);
        var bytes = Encoding.UTF8.GetBytes(v.GetProperty("note").GetString()!);

        for (var i = 0; i < bytes.Length; i++)
        {
            var changed = (byte[])bytes.Clone();
            changed[i] ^= 0x01;
            Assert.False(verifier.TryVerify(Encoding.UTF8.GetString(changed), out _), $"byte {i} changed still verifies");
        }
    }

    [Fact]
    public void Signing_ReproducesTheNote_ByteForByte()
    {
        var signed = 0;
        foreach (var v in Load().Where(v => v.TryGetProperty("signerKey", out _)))
        {
            using var signer = NoteSigner.Parse(v.GetProperty("signerKey").GetString()!);

            Assert.Equal(v.GetProperty("note").GetString(), signer.Sign(v.GetProperty("text").GetString()!));
            Assert.Equal(v.GetProperty("verifierKey").GetString(), signer.VerifierKey);
            Assert.Equal(v.GetProperty("signerKey").GetString(), signer.ExportSignerKey());
            signed++;
        }

        Assert.True(signed >= 1);
    }

    [Fact]
    public void GeneratedKey_SignsNotesItsVerifierAccepts_AndAnotherKeyDoesNot()
    {
        using var signer = NoteSigner.Generate("avz.example/log");
        using var other = NoteSigner.Generate("avz.example/log");
        var note = signer.Sign("avz.example/log\n3\nAAAA\n");

        Assert.True(NoteVerifier.Parse(signer.VerifierKey).TryVerify(note, out _));
        Assert.False(NoteVerifier.Parse(other.VerifierKey).TryVerify(note, out _));
    }

    [Theory]
    [InlineData("example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")]
    public void VerifierKey_WithAWrongId_IsRefused(string key) =>
        Assert.Throws<FormatException>(() => NoteVerifier.Parse(key.Replace("530d903a", "530d903b", StringComparison.Ordinal)));

    private static JsonElement Vector(string name) => Load().Single(v => v.GetProperty("name").GetString() == name);

    private static JsonElement[] Load() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.TestData, "signed-note", "vectors.json")))
            .RootElement.GetProperty("vectors").EnumerateArray().ToArray();
}
