using System.Security.Cryptography;
using Avz.Exchange.Encryption;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Avz.Exchange.Tests.Encryption;

/// <summary>The Azure Key Vault provider over REST against a local HTTPS vault with real RSA keys.</summary>
public sealed class AzureKeyVaultKeyEncryptionKeyTests
{
    [Fact]
    public async Task KeyVault_KeepsTheContract_WithRotationInTheVault()
    {
        await using var vault = await FakeKeyVault.StartAsync("kek");
        var kek = Connect(vault, new StaticCredential(FakeKeyVault.BearerToken));
        var token = TestContext.Current.CancellationToken;
        var key = RandomNumberGenerator.GetBytes(32);
        var wrapped = await kek.WrapAsync(key, token);
        Assert.StartsWith(new Uri(vault.Uri, "keys/kek/").ToString(), wrapped.KekId, StringComparison.Ordinal);
        Assert.Equal(key, await kek.UnwrapAsync(wrapped, token));

        // Rotation happens in the vault (a new key version); RotateAsync picks it up.
        vault.AddVersion();
        await KeyEncryptionKeyContract.HoldsAsync(kek);
        Assert.Equal(key, await kek.UnwrapAsync(wrapped, token));
        Assert.True(vault.Requests > 5);
    }

    [Fact]
    public async Task KeyVault_RefusesToSendAWrappedKeyToAHostOtherThanTheVault()
    {
        await using var vault = await FakeKeyVault.StartAsync("kek");
        var kek = Connect(vault, new StaticCredential(FakeKeyVault.BearerToken));
        var before = vault.Requests;
        var foreign = new WrappedKey("https://attacker.example/keys/kek/1", RandomNumberGenerator.GetBytes(256));
        await Assert.ThrowsAsync<KeyUnavailableException>(() => kek.UnwrapAsync(foreign, TestContext.Current.CancellationToken));
        Assert.Equal(before, vault.Requests);
    }

    [Fact]
    public async Task KeyVault_ReportsARefusedCredential_AsKeyUnavailable_WithoutTheToken()
    {
        await using var vault = await FakeKeyVault.StartAsync("kek");
        var kek = Connect(vault, new StaticCredential("wrong-token"));
        var error = await Assert.ThrowsAsync<KeyUnavailableException>(() => kek.WrapAsync(RandomNumberGenerator.GetBytes(32), TestContext.Current.CancellationToken));
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token", error.Message, StringComparison.Ordinal);
    }

    private static AzureKeyVaultKeyEncryptionKey Connect(FakeKeyVault vault, TokenCredential credential)
    {
#pragma warning disable CA2000 // The transport owns the handler and lives as long as the provider.
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == vault.Certificate.Thumbprint };
        return new AzureKeyVaultKeyEncryptionKey(vault.Uri, "kek", credential, new HttpClientTransport(new HttpClient(handler)));
#pragma warning restore CA2000
    }

    private sealed class StaticCredential(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
