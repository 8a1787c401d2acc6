using Avz.Audit.Entries;
using CsCheck;

namespace Avz.Audit.Tests.Entries;

/// <summary>
/// Verifiers and privacy officers decode leaves they did not write: a damaged or hostile leaf must be refused, never
/// throw, and a leaf that decodes must be exactly the canonical encoding of what it decoded to.
/// </summary>
public sealed class LeafDecoderFuzzTests
{
    private static readonly byte[][] Valid =
    [
        LeafEncoding.Encode(TestLog.Entry(3) with { Index = 3 }),
        LeafEncoding.Encode(TestLog.Entry(4) with
        {
            Index = 4,
            Emergency = true,
            Justification = TextCommitment.Create("tekst", out _),
            Status = new StatusChange(LoggedCaseStatus.Triage, LoggedCaseStatus.Closed),
            Consent = new ConsentReference("c", ["health-care"], ["politie"], DateTimeOffset.UnixEpoch),
            Counts = new EntryCounts { Rewrapped = 2 },
        }),
    ];

    private static readonly Gen<byte[]> Mutations =
        Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Int[0, 4000], Gen.Byte, Gen.Int[0, 3]).Select((which, at, value, kind) =>
        {
            var leaf = Valid[which];
            var position = at % leaf.Length;
            return kind switch
            {
                0 => [.. leaf[..position], value, .. leaf[(position + 1)..]],
                1 => leaf[..position],
                2 => [.. leaf[..position], value, .. leaf[position..]],
                _ => [.. leaf[..position], .. leaf[Math.Min(leaf.Length, position + 7)..]],
            };
        });

    [Fact]
    public void MutatedLeaves_AreRefusedOrRoundTrip_NeverThrow() =>
        Mutations.Sample(CheckDecoding, iter: 2000, threads: 1);

    [Fact]
    public void RandomBytes_AreRefused_NeverThrow() =>
        Gen.Byte.Array[0, 300].Sample(CheckDecoding, iter: 2000, threads: 1);

    private static void CheckDecoding(byte[] leaf)
    {
        LeafEncoding.ReadIndex(leaf);
        if (LeafEncoding.TryDecode(leaf, out var entry, out var problem))
        {
            Assert.Equal(leaf, LeafEncoding.Encode(entry!));
            Assert.True(LeafEncoding.IsValid(leaf, out var version, out _));
            Assert.Equal(2, version);
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(problem));
            Assert.Null(entry);
        }

        LeafEncoding.IsValid(leaf, out _, out _);
        LeafEncoding.TryDecodeVersion1(leaf, out _, out _);
    }
}
