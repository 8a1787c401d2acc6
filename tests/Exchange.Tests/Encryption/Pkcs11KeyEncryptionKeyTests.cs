using System.Security.Cryptography;
using Avz.Exchange.Encryption;

namespace Avz.Exchange.Tests.Encryption;

/// <summary>The PKCS#11 provider against a real SoftHSM2 token. One class, so the module is loaded by one test at a time.</summary>
public sealed class Pkcs11KeyEncryptionKeyTests(SoftHsm hsm) : IClassFixture<SoftHsm>
{
    [Fact]
    public async Task Pkcs11Token_KeepsTheContract_AndItsKeysOutliveTheSession()
    {
        Assert.SkipWhen(hsm.Unavailable is not null, hsm.Unavailable ?? "");
        var token = TestContext.Current.CancellationToken;
        var key = RandomNumberGenerator.GetBytes(32);
        WrappedKey wrapped;
        using (var kek = Pkcs11KeyEncryptionKey.Open(hsm.Library!, SoftHsm.TokenLabel, SoftHsm.Pin, "avz-kek"))
        {
            await KeyEncryptionKeyContract.HoldsAsync(kek);
            wrapped = await kek.WrapAsync(key, token);
            Assert.StartsWith("avz-kek-", wrapped.KekId, StringComparison.Ordinal);
        }

        // A new session (a restarted gateway) finds the same versions on the token and unwraps with them.
        using var reopened = Pkcs11KeyEncryptionKey.Open(hsm.Library!, SoftHsm.TokenLabel, SoftHsm.Pin, "avz-kek");
        Assert.Equal(key, await reopened.UnwrapAsync(wrapped, token));
        Assert.True(await reopened.IsCurrentAsync(wrapped.KekId, token));
    }

    [Fact]
    public void Open_RefusesAWrongPinOrAnUnknownToken_WithoutNamingThePin()
    {
        Assert.SkipWhen(hsm.Unavailable is not null, hsm.Unavailable ?? "");
        var wrongPin = Assert.Throws<KeyUnavailableException>(() => Pkcs11KeyEncryptionKey.Open(hsm.Library!, SoftHsm.TokenLabel, "0000-wrong", "avz-kek"));
        Assert.DoesNotContain("0000-wrong", wrongPin.Message, StringComparison.Ordinal);
        Assert.Throws<KeyUnavailableException>(() => Pkcs11KeyEncryptionKey.Open(hsm.Library!, "no-such-token", SoftHsm.Pin, "avz-kek"));
        Assert.Throws<KeyUnavailableException>(() => Pkcs11KeyEncryptionKey.Open("/nonexistent/libpkcs11.so", SoftHsm.TokenLabel, SoftHsm.Pin, "avz-kek"));
    }
}
