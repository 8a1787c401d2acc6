namespace Avz.Audit.Entries;

/// <summary>Where the key-encryption key is held, as the access log names it. A closed set, specified in <c>src/Audit/README.md</c>.</summary>
public enum KeyProvider
{
    /// <summary><c>local</c>: a local key ring file.</summary>
    Local,

    /// <summary><c>pkcs11</c>: a PKCS#11 hardware security module.</summary>
    Pkcs11,

    /// <summary><c>azure-key-vault</c>: Azure Key Vault.</summary>
    AzureKeyVault,
}
