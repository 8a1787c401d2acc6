namespace Avz.Exchange.Client;

/// <summary>
/// The receipt of a call does not verify against the pinned log key, or its entry is not the call's: the gateway's
/// access log cannot be trusted for this call. Keep the receipt and report it to the house's privacy officer.
/// </summary>
public sealed class ReceiptVerificationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReceiptVerificationException()
    {
    }

    /// <summary>Creates the exception with what is wrong.</summary>
    /// <param name="message">What is wrong.</param>
    public ReceiptVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what is wrong and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ReceiptVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The receipt as received, to keep as evidence.</summary>
    public string? ReceiptJson { get; init; }
}
