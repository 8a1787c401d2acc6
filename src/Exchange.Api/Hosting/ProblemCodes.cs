namespace Avz.Exchange.Api.Hosting;

/// <summary>Stable codes of the gateway's own problem responses (RFC 9457 extension member <c>code</c>). Clients match on these, never on wording.</summary>
public static class ProblemCodes
{
    /// <summary>A generic HTTP failure: <c>AVZ-HTTP-0404</c> and so on, by status.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <returns>The code.</returns>
    public static string ForStatus(int status) => $"AVZ-HTTP-{status:D4}";

    /// <summary>The access log could not store the entry; nothing was released (fail closed).</summary>
    public const string AuditUnavailable = "AVZ-AUDIT-0001";

    /// <summary>An access token in the URL: refused, as URLs end up in proxy and server logs (RFC 6750 §2.3, §5.3).</summary>
    public const string TokenInUrl = "AVZ-REQUEST-0002";
}
