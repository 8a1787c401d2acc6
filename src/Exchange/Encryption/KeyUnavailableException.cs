namespace Avz.Exchange.Encryption;

/// <summary>A data key could not be wrapped or unwrapped: the KEK is unreachable, unknown or refuses the key. The message names no key material.</summary>
public sealed class KeyUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeyUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without key material.</param>
    public KeyUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without key material.</param>
    /// <param name="innerException">The cause.</param>
    public KeyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
