namespace Avz.Exchange.Cases;

/// <summary>An expected failure of a case operation: a stable code, its kind (the host maps it to an HTTP status) and one sentence.</summary>
/// <param name="Code">The stable code, such as <c>AVZ-CASE-0003</c>.</param>
/// <param name="Kind">What kind of failure.</param>
/// <param name="Title">What is wrong, without any personal data or field value.</param>
public sealed record ExchangeError(string Code, ErrorKind Kind, string Title);

/// <summary>Kinds of expected failure.</summary>
public enum ErrorKind
{
    /// <summary>The input is malformed or breaks a rule; nothing was stored (400).</summary>
    Invalid,

    /// <summary>The caller may not do this (403); the refusal is in the access log.</summary>
    Forbidden,

    /// <summary>No such case or consent (404).</summary>
    NotFound,

    /// <summary>The case's state does not allow it (409).</summary>
    Conflict,

    /// <summary>The case's data was destroyed at the end of its retention (410).</summary>
    Gone,

    /// <summary>A part the operation needs is not there on this gateway (503).</summary>
    Unavailable,
}
