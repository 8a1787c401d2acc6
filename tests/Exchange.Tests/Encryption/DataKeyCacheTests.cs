using System.Security.Cryptography;
using Avz.Exchange.Encryption;
using Microsoft.Extensions.Time.Testing;

namespace Avz.Exchange.Tests.Encryption;

public sealed class DataKeyCacheTests
{
    [Fact]
    public void Keys_ExpireAfterTheirLifetime_WithoutBeingZeroedUnderACurrentUser()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var cache = new DataKeyCache(clock, TimeSpan.FromMinutes(2));
        var id = Guid.CreateVersion7();
        var key = RandomNumberGenerator.GetBytes(32);
        var copy = (byte[])key.Clone();
        cache.Add(id, key);

        Assert.True(cache.TryGet(id, out var held));
        clock.Advance(TimeSpan.FromMinutes(2));

        // The first read after the lifetime sweeps: the key is gone from the cache, and not zeroed.
        Assert.False(cache.TryGet(id, out _));
        Assert.Equal(0, cache.Count);
        Assert.Equal(copy, held);
    }

    [Fact]
    public void ExpiredKeys_AreSwept_AtMostAQuarterOfTheLifetimeLate()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var cache = new DataKeyCache(clock, TimeSpan.FromMinutes(2));
        var (early, late) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        cache.Add(early, RandomNumberGenerator.GetBytes(32));
        clock.Advance(TimeSpan.FromSeconds(20));
        cache.Add(late, RandomNumberGenerator.GetBytes(32));

        // At 2:00 the sweep is due: the early key has expired and goes, the late one (until 2:20) stays.
        clock.Advance(TimeSpan.FromSeconds(100));
        Assert.False(cache.TryGet(early, out _));
        Assert.Equal(1, cache.Count);

        // At 2:25 the late key has expired: no read returns it, but the next sweep is due only at 2:30.
        clock.Advance(TimeSpan.FromSeconds(25));
        for (var i = 0; i < 1000; i++)
        {
            Assert.False(cache.TryGet(late, out _));
        }

        Assert.Equal(1, cache.Count);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(cache.TryGet(late, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void TryDecrypt_UsesTheCachedKey_AndStopsWhenTheKeyIsForgottenOrExpired()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var cache = new DataKeyCache(clock, TimeSpan.FromMinutes(2));
        var (shredded, expiring) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var place = new FieldPlace(Guid.NewGuid(), "item-1", "surname");
        var value = "Zwartveld"u8.ToArray();
        foreach (var id in new[] { shredded, expiring })
        {
            var key = RandomNumberGenerator.GetBytes(32);
            cache.Add(id, key);
            var ciphertext = FieldCipher.Encrypt(key, id, 1, place, value);

            // Twice: the second use takes the kept cipher.
            Assert.True(cache.TryDecrypt(id, place, ciphertext, out var first));
            Assert.True(cache.TryDecrypt(id, place, ciphertext, out var second));
            Assert.Equal(value, first);
            Assert.Equal(value, second);
            Assert.Throws<FieldDecryptionException>(() => cache.TryDecrypt(id, place with { Field = "given-names" }, ciphertext, out _));

            if (id == shredded)
            {
                cache.Forget(id);
            }
            else
            {
                clock.Advance(TimeSpan.FromMinutes(2));
            }

            Assert.False(cache.TryDecrypt(id, place, ciphertext, out _));
        }
    }

    [Fact]
    public void TryEncrypt_WithTheKeptCipher_GivesWhatTheKeyDecrypts_AndStopsWhenTheKeyIsForgotten()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var cache = new DataKeyCache(clock, TimeSpan.FromMinutes(2));
        var id = Guid.CreateVersion7();
        var key = RandomNumberGenerator.GetBytes(32);
        var place = new FieldPlace(Guid.NewGuid(), "item-1", "surname");
        cache.Add(id, key);

        Assert.True(cache.TryEncrypt(id, 3, place, "Zwartveld"u8, out var first));
        Assert.True(cache.TryEncrypt(id, 3, place, "Zwartveld"u8, out var second));

        Assert.Equal("Zwartveld"u8.ToArray(), FieldCipher.Decrypt(key, place, first));
        Assert.Equal((id, 3), FieldCipher.ReadKey(second, place));
        Assert.NotEqual(first, second);
        cache.Forget(id);
        Assert.False(cache.TryEncrypt(id, 3, place, "Zwartveld"u8, out _));
    }

    [Fact]
    public void Forget_ZeroesTheKeyOfAShreddedCase()
    {
        var cache = new DataKeyCache(TimeProvider.System, TimeSpan.FromMinutes(2));
        var id = Guid.CreateVersion7();
        var key = RandomNumberGenerator.GetBytes(32);
        cache.Add(id, key);
        cache.Forget(id);
        Assert.False(cache.TryGet(id, out _));
        Assert.All(key, b => Assert.Equal(0, b));
    }
}
