namespace Avz.Exchange.Encryption;

/// <summary>Opens the key-encryption key the <c>KeyEncryption</c> section names. The gateway and <c>avz keys rotate</c> both open it here.</summary>
public static class KeyEncryptionKeys
{
    /// <summary>Opens the configured provider.</summary>
    /// <param name="options">The settings; <see cref="KeyEncryptionOptions.Problems"/> must be empty.</param>
    /// <param name="dataDirectory">The gateway's data directory (the local key ring's default place).</param>
    /// <param name="created">Whether a new local key ring was made (back it up: without it nothing decrypts).</param>
    /// <returns>The key; dispose it when done.</returns>
    /// <exception cref="InvalidOperationException">The settings cannot work; the message says why.</exception>
    /// <exception cref="KeyUnavailableException">The key cannot be reached.</exception>
    public static IKeyEncryptionKey Open(KeyEncryptionOptions options, string dataDirectory, out bool created)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems().FirstOrDefault() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        created = false;
        switch (options.ParsedProvider)
        {
            case KeyEncryptionProvider.Pkcs11:
                return Pkcs11KeyEncryptionKey.Open(options.Pkcs11Library!, options.Pkcs11TokenLabel!, options.Pkcs11Pin!, options.Pkcs11KeyLabel);
            case KeyEncryptionProvider.AzureKeyVault:
                return new AzureKeyVaultKeyEncryptionKey(options.VaultUri!, options.VaultKeyName!, new Azure.Identity.DefaultAzureCredential());
            default:
                return LocalKeyEncryptionKey.LoadOrCreate(options.KeyFile ?? Path.Combine(dataDirectory, LocalKeyEncryptionKey.FileName), out created);
        }
    }
}
