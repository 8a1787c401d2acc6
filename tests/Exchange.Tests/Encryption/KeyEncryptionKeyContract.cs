using System.Security.Cryptography;
using Avz.Exchange.Encryption;

namespace Avz.Exchange.Tests.Encryption;

/// <summary>What every key-encryption key provider must do, run against each of them.</summary>
internal static class KeyEncryptionKeyContract
{
    public static async Task HoldsAsync(IKeyEncryptionKey kek)
    {
        var token = TestContext.Current.CancellationToken;
        var key = RandomNumberGenerator.GetBytes(32);
        var wrapped = await kek.WrapAsync(key, token);
        Assert.DoesNotContain(Convert.ToHexString(key), Convert.ToHexString(wrapped.Bytes), StringComparison.Ordinal);
        Assert.Equal(key, await kek.UnwrapAsync(wrapped, token));
        Assert.True(await kek.IsCurrentAsync(wrapped.KekId, token));

        // An altered wrapped key and an unknown KEK id are refused, not silently unwrapped to something else.
        var altered = (byte[])wrapped.Bytes.Clone();
        altered[^1] ^= 0x01;
        await Assert.ThrowsAsync<KeyUnavailableException>(() => kek.UnwrapAsync(wrapped with { Bytes = altered }, token));

        // Rotation: a new current version; keys wrapped by the old one still unwrap, and re-wrap under the new one.
        var next = await kek.RotateAsync(token);
        Assert.NotEqual(wrapped.KekId, next);
        Assert.False(await kek.IsCurrentAsync(wrapped.KekId, token));
        Assert.Equal(key, await kek.UnwrapAsync(wrapped, token));
        var rewrapped = await kek.WrapAsync(key, token);
        Assert.Equal(next, rewrapped.KekId);
        Assert.Equal(key, await kek.UnwrapAsync(rewrapped, token));
    }
}
