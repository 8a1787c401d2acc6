namespace Avz.Exchange.Encryption;

/// <summary>
/// A stored ciphertext did not decrypt in the place it was read from: it was moved from another field, item or case,
/// altered, or its case's data key is gone. The message names the place, never a value.
/// </summary>
public sealed class FieldDecryptionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FieldDecryptionException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which place failed.</param>
    public FieldDecryptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which place failed.</param>
    /// <param name="innerException">The cause.</param>
    public FieldDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
