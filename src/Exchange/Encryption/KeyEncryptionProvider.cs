namespace Avz.Exchange.Encryption;

/// <summary>Where the key-encryption key is held.</summary>
public enum KeyEncryptionProvider
{
    /// <summary><c>local</c>: a key ring file (<c>kek.json</c>, mode 0600) in the data directory.</summary>
    Local,

    /// <summary><c>pkcs11</c>: an AES key inside a PKCS#11 token (an HSM).</summary>
    Pkcs11,

    /// <summary><c>azure-key-vault</c>: an RSA key in Azure Key Vault.</summary>
    AzureKeyVault,
}
