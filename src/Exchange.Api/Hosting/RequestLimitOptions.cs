namespace Avz.Exchange.Api.Hosting;

/// <summary>Limits on what one client may send.</summary>
public sealed class RequestLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RequestLimits";

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests per minute per authenticated client, and per logged-in staff account in the portal.</summary>
    public int PermitsPerMinutePerClient { get; set; } = 600;

    /// <summary>
    /// The most connections the gateway holds open at once (Kestrel's <c>MaxConcurrentConnections</c>); one over it is
    /// closed unanswered. Each open connection holds buffers, so without a bound a flood of idle connections, or a
    /// client that opens one per waiting call, grows the process without limit.
    /// </summary>
    public long MaxConnections { get; set; } = 1000;

    /// <summary>Requests per minute per remote address for unauthenticated calls (the token endpoint, discovery, the portal's login pages).</summary>
    public int PermitsPerMinutePerAddress { get; set; } = 120;
}
