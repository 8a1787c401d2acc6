namespace Avz.Audit;

/// <summary>An entry could not be stored durably. The caller must not release data (fail closed) and answers 503.</summary>
public sealed class AuditWriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuditWriteException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed; never entry contents.</param>
    public AuditWriteException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the store's error.</summary>
    /// <param name="message">What failed; never entry contents.</param>
    /// <param name="innerException">The store's error.</param>
    public AuditWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
