using System.Buffers.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Avz.Exchange.Encryption;

/// <summary>
/// A key-encryption key in Azure Key Vault: an RSA key whose private half never leaves the vault. Data keys are
/// wrapped and unwrapped with the vault's <c>wrapkey</c>/<c>unwrapkey</c> REST operations (RSA-OAEP-256), called
/// through an Azure.Core pipeline with bearer tokens from Azure.Identity (Azure.Security.KeyVault.Keys is not
/// available to this project). The KEK id is the vault's key id with its version; rotation happens in the vault
/// (a new key version), after which <see cref="RotateAsync"/> picks up the newest version.
/// </summary>
public sealed class AzureKeyVaultKeyEncryptionKey : IKeyEncryptionKey
{
    /// <summary>The REST API version used.</summary>
    public const string ApiVersion = "7.4";

    private const string Algorithm = "RSA-OAEP-256";
    private readonly HttpPipeline pipeline;
    private readonly Uri vault;
    private readonly string keyName;
    private string? current;

    /// <summary>Creates the provider.</summary>
    /// <param name="vault">The vault URI (https).</param>
    /// <param name="keyName">The RSA key's name.</param>
    /// <param name="credential">Where bearer tokens come from (DefaultAzureCredential in production).</param>
    /// <param name="transport">Optional HTTP transport (tests point it at a local vault).</param>
    public AzureKeyVaultKeyEncryptionKey(Uri vault, string keyName, TokenCredential credential, HttpPipelineTransport? transport = null)
    {
        ArgumentNullException.ThrowIfNull(vault);
        this.vault = vault;
        this.keyName = keyName;
        var options = new VaultClientOptions();
        if (transport is not null)
        {
            options.Transport = transport;
        }

        options.Retry.MaxRetries = 2;
        pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, "https://vault.azure.net/.default"));
    }

    /// <inheritdoc/>
    public string Provider => "azure-key-vault";

    /// <inheritdoc/>
    public async Task<WrappedKey> WrapAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        var kid = current ?? await LatestAsync(cancellationToken).ConfigureAwait(false);
        using var result = await SendAsync(new Uri(kid + "/wrapkey?api-version=" + ApiVersion), key, cancellationToken).ConfigureAwait(false);
        return new WrappedKey(result.RootElement.GetProperty("kid").GetString()!, Base64Url.DecodeFromChars(result.RootElement.GetProperty("value").GetString()));
    }

    /// <inheritdoc/>
    public async Task<byte[]> UnwrapAsync(WrappedKey wrapped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        if (!Uri.TryCreate(wrapped.KekId, UriKind.Absolute, out var kid) || !string.Equals(kid.Host, vault.Host, StringComparison.OrdinalIgnoreCase))
        {
            // Never send a wrapped key (or a token) to a host named by the database: only to the configured vault.
            throw new KeyUnavailableException($"A data key names KEK '{wrapped.KekId}', which is not a key of the configured vault.");
        }

        using var result = await SendAsync(new Uri(kid + "/unwrapkey?api-version=" + ApiVersion), wrapped.Bytes, cancellationToken).ConfigureAwait(false);
        return Base64Url.DecodeFromChars(result.RootElement.GetProperty("value").GetString());
    }

    /// <inheritdoc/>
    public async Task<bool> IsCurrentAsync(string kekId, CancellationToken cancellationToken) =>
        string.Equals(kekId, current ?? await LatestAsync(cancellationToken).ConfigureAwait(false), StringComparison.Ordinal);

    /// <inheritdoc/>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        current = null;
        return await LatestAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> LatestAsync(CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(new Uri(vault, $"keys/{Uri.EscapeDataString(keyName)}?api-version={ApiVersion}"));
        using var document = await ReadAsync(message, cancellationToken).ConfigureAwait(false);
        current = document.RootElement.GetProperty("key").GetProperty("kid").GetString()!;
        return current;
    }

    private async Task<JsonDocument> SendAsync(Uri uri, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = Algorithm, ["value"] = Base64Url.EncodeToString(value.Span) }));
        return await ReadAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonDocument> ReadAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or Azure.Identity.AuthenticationFailedException or Azure.Identity.CredentialUnavailableException)
        {
            throw new KeyUnavailableException($"Azure Key Vault {vault.Host} cannot be reached or refused the credential ({e.GetType().Name}).", e);
        }

        if (message.Response.Status != 200)
        {
            // The body may name the key but never holds key material; the status says enough.
            throw new KeyUnavailableException($"Azure Key Vault {vault.Host} answered {message.Response.Status} for key '{keyName}'.");
        }

        return await JsonDocument.ParseAsync(message.Response.ContentStream!, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private sealed class VaultClientOptions : ClientOptions;
}
