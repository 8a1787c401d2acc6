namespace Avz.Exchange.Tests;

/// <summary>New transaction ids are RFC 9562 version 7 UUIDs with the time given and random bits that do not repeat.</summary>
public sealed class TransactionIdsTests
{
    [Fact]
    public void AnId_IsVersion7_WithTheMillisecondsGiven_AndTheRfcVariant()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(0x0193_5A2B_7C1DL);

        var id = TransactionIds.New(now);
        var bytes = id.ToByteArray(bigEndian: true);

        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, bytes[8] >> 6);
        Assert.Equal("01935a2b-7c1d-7", id.ToString("D")[..15]);
    }

    [Fact]
    public void Ids_AcrossBuffersAndThreads_NeverRepeat_AndTheirRandomBitsVary()
    {
        // Enough ids on each thread to draw its buffer of random bytes several times over, all in one millisecond.
        var now = DateTimeOffset.UtcNow;
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                ids.Add(TransactionIds.New(now));
            }
        });

        Assert.Equal(4_000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(7, id.Version));

        // Each of the 74 random bits is set in some ids and clear in others.
        var random = ids.Select(id => id.ToByteArray(bigEndian: true)).ToList();
        for (var bit = 48 + 4; bit < 128; bit++)
        {
            if (bit is 64 or 65)
            {
                continue;
            }

            var set = random.Count(b => (b[bit / 8] & (0x80 >> (bit % 8))) != 0);
            Assert.InRange(set, 1_500, 2_500);
        }
    }
}
