using Avz.Exchange.Encryption;

namespace Avz.Exchange.Tests.Encryption;

public sealed class RandomNoncesTests
{
    [Fact]
    public void Nonces_DrawnAcrossManyBufferRefills_AreAllDifferent()
    {
        // 10,000 nonces of 12 bytes: about thirty refills of the 4 KB per-thread buffer. A repeat would mean bytes handed
        // out twice (a collision of random 96-bit values is out of reach at this count).
        var seen = new HashSet<UInt128>();
        Span<byte> nonce = stackalloc byte[16];
        for (var i = 0; i < 10_000; i++)
        {
            nonce.Clear();
            RandomNonces.Fill(nonce[..12]);
            Assert.True(seen.Add(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(nonce)));
        }
    }

    [Fact]
    public void ARequestLongerThanTheBuffer_IsFilledToo()
    {
        var large = new byte[5000];

        RandomNonces.Fill(large);

        // 5,000 random bytes with a run of 64 zeros is out of reach; an unfilled tail would be all zeros.
        Assert.DoesNotContain(Enumerable.Range(0, large.Length / 64), block => large.AsSpan(block * 64, 64).IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void EachThread_DrawsItsOwnNonces()
    {
        var all = new System.Collections.Concurrent.ConcurrentBag<UInt128>();
        Parallel.For(0, 4, _ =>
        {
            var nonce = new byte[16];
            for (var i = 0; i < 1000; i++)
            {
                RandomNonces.Fill(nonce.AsSpan(0, 12));
                all.Add(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(nonce));
            }
        });

        Assert.Equal(4000, all.Distinct().Count());
    }
}
