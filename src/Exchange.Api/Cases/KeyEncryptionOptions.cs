namespace Avz.Exchange.Api.Cases;

/// <summary>Which key-encryption key wraps the data keys (<c>KeyEncryption</c> section).</summary>
public sealed class KeyEncryptionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "KeyEncryption";

    /// <summary><c>local</c> (default: a key ring file in the data directory), <c>pkcs11</c> or <c>azure-key-vault</c>.</summary>
    public string Provider { get; set; } = "local";

    /// <summary>The local key ring file; defaults to <c>kek.json</c> in the data directory.</summary>
    public string? KeyFile { get; set; }

    /// <summary>PKCS#11: the module (shared library) path, such as /usr/lib/softhsm/libsofthsm2.so.</summary>
    public string? Pkcs11Library { get; set; }

    /// <summary>PKCS#11: the token label.</summary>
    public string? Pkcs11TokenLabel { get; set; }

    /// <summary>PKCS#11: the user PIN (prefer an environment variable or a secret store over a file).</summary>
    public string? Pkcs11Pin { get; set; }

    /// <summary>PKCS#11: the label prefix of the AES keys on the token.</summary>
    public string Pkcs11KeyLabel { get; set; } = "avz-kek";

    /// <summary>Azure Key Vault: the vault URI, such as https://avz-groningen.vault.azure.net/.</summary>
    public Uri? VaultUri { get; set; }

    /// <summary>Azure Key Vault: the RSA key's name.</summary>
    public string? VaultKeyName { get; set; }
}
