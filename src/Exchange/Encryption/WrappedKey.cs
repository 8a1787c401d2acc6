namespace Avz.Exchange.Encryption;

/// <summary>A data key wrapped by a key-encryption key, with the id of the KEK version that wrapped it.</summary>
/// <param name="KekId">Which key-encryption key wrapped it (provider-specific: a key ring id, an HSM key label, a Key Vault key id).</param>
/// <param name="Bytes">The wrapped key.</param>
public sealed record WrappedKey(string KekId, byte[] Bytes);
