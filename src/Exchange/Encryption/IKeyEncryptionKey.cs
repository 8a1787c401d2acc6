namespace Avz.Exchange.Encryption;

/// <summary>
/// The seam to the key-encryption key (KEK) that wraps every data key. The KEK stays outside the database: a local
/// key file, a PKCS#11 token (HSM) or Azure Key Vault. Implementations are safe to share between threads.
/// </summary>
public interface IKeyEncryptionKey
{
    /// <summary>The provider's name: <c>local</c>, <c>pkcs11</c> or <c>azure-key-vault</c>.</summary>
    string Provider { get; }

    /// <summary>Wraps a data key under the current KEK version.</summary>
    /// <param name="key">The data key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The wrapped key and the id of the KEK version used.</returns>
    Task<WrappedKey> WrapAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken);

    /// <summary>Unwraps a data key wrapped by any KEK version this provider still holds.</summary>
    /// <param name="wrapped">The wrapped key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The data key.</returns>
    /// <exception cref="KeyUnavailableException">The KEK version is unknown, or the wrapped key does not unwrap.</exception>
    Task<byte[]> UnwrapAsync(WrappedKey wrapped, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="kekId"/> names the current KEK version (keys wrapped by others are re-wrapped at rotation).</summary>
    /// <param name="kekId">A KEK version id from a <see cref="WrappedKey"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when it is current.</returns>
    Task<bool> IsCurrentAsync(string kekId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes a new KEK version current where the provider owns key generation (local key ring, PKCS#11 token). For
    /// Azure Key Vault, where versions are made in the vault, this picks up the vault's newest version.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The id of the new current version.</returns>
    Task<string> RotateAsync(CancellationToken cancellationToken);
}
