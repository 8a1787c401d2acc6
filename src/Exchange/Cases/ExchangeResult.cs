namespace Avz.Exchange.Cases;

/// <summary>The result of a case operation: a value or an error, and the index of the access-log entry written for it.</summary>
/// <typeparam name="T">The value type.</typeparam>
public sealed class ExchangeResult<T>
    where T : class
{
    private ExchangeResult(T? value, ExchangeError? error, long? logIndex)
    {
        Value = value;
        Error = error;
        LogIndex = logIndex;
    }

    /// <summary>The value, when the operation succeeded.</summary>
    public T? Value { get; }

    /// <summary>The error, when it did not.</summary>
    public ExchangeError? Error { get; }

    /// <summary>The access-log index of this call's entry; null when nothing was logged (invalid input changes and reveals nothing).</summary>
    public long? LogIndex { get; }

    internal static ExchangeResult<T> Ok(T value, long logIndex) => new(value, null, logIndex);

    /// <summary>A value read without an access-log entry (no case or subject data).</summary>
    internal static ExchangeResult<T> Ok(T value) => new(value, null, null);

    internal static ExchangeResult<T> Fail(ExchangeError error, long? logIndex = null) => new(null, error, logIndex);
}
