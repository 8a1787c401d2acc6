namespace Avz.Exchange.Client;

/// <summary>
/// The gateway refused a call with an RFC 9457 problem. Act on <see cref="Code"/> (stable, <c>AVZ-AREA-NNNN</c>), not
/// on the wording. The message holds the status, code and title only: never a value from the request.
/// </summary>
public sealed class ExchangeProblemException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">The stable error code, if the answer carried one.</param>
    /// <param name="title">The problem's title.</param>
    /// <param name="detail">The problem's detail.</param>
    /// <param name="transactionId">The call's transaction id.</param>
    /// <param name="logIndex">The entry the refusal left, if any.</param>
    public ExchangeProblemException(int status, string? code, string? title, string? detail, Guid transactionId, long? logIndex)
        : base($"The gateway answered {status} {code ?? "(no code)"}: {title ?? "no title"}")
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
        TransactionId = transactionId;
        LogIndex = logIndex;
    }

    /// <summary>Creates an exception without a problem.</summary>
    public ExchangeProblemException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ExchangeProblemException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ExchangeProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The stable error code.</summary>
    public string? Code { get; }

    /// <summary>The problem's title.</summary>
    public string? Title { get; }

    /// <summary>The problem's detail.</summary>
    public string? Detail { get; }

    /// <summary>The call's transaction id.</summary>
    public Guid TransactionId { get; }

    /// <summary>The access-log entry the refusal left (every authenticated attempt on a case leaves one).</summary>
    public long? LogIndex { get; }
}
