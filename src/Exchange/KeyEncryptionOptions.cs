using Avz.Exchange.Encryption;

namespace Avz.Exchange;

/// <summary>Which key-encryption key wraps the data keys (<c>KeyEncryption</c> section). <see cref="Problems"/> says what is wrong, one sentence each.</summary>
public sealed class KeyEncryptionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "KeyEncryption";

    /// <summary><c>local</c> (default: a key ring file in the data directory), <c>pkcs11</c> or <c>azure-key-vault</c>. Case is ignored.</summary>
    public string Provider { get; set; } = "local";

    /// <summary>The provider as an enum value, or null when <see cref="Provider"/> names none.</summary>
    public KeyEncryptionProvider? ParsedProvider => SettingWords.Parse<KeyEncryptionProvider>(Provider);

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

    /// <summary>What is wrong with these settings, one sentence each; empty when they can work.</summary>
    /// <returns>The sentences.</returns>
    public IEnumerable<string> Problems()
    {
        switch (ParsedProvider)
        {
            case null:
                yield return "KeyEncryption:Provider must be local, pkcs11 or azure-key-vault.";
                break;
            case KeyEncryptionProvider.Pkcs11 when string.IsNullOrWhiteSpace(Pkcs11Library) || string.IsNullOrWhiteSpace(Pkcs11TokenLabel) || string.IsNullOrEmpty(Pkcs11Pin):
                yield return "KeyEncryption:Provider pkcs11 needs KeyEncryption:Pkcs11Library, Pkcs11TokenLabel and Pkcs11Pin.";
                break;
            case KeyEncryptionProvider.AzureKeyVault when VaultUri is null || string.IsNullOrWhiteSpace(VaultKeyName):
                yield return "KeyEncryption:Provider azure-key-vault needs KeyEncryption:VaultUri and VaultKeyName.";
                break;
        }
    }
}
