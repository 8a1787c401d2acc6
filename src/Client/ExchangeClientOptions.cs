namespace Avz.Exchange.Client;

/// <summary>How a partner system reaches the gateway.</summary>
public sealed class ExchangeClientOptions
{
    /// <summary>The gateway's base URL, which is also its token issuer, such as <c>https://avz.example.nl/</c>.</summary>
    public required Uri Gateway { get; init; }

    /// <summary>The client id the gateway registered for this system.</summary>
    public required string ClientId { get; init; }

    /// <summary>The client's private key.</summary>
    public required ClientKey Key { get; init; }

    /// <summary>The scopes to ask for; <c>exchange</c> for a partner system.</summary>
    public string Scope { get; init; } = "exchange";

    /// <summary>
    /// The access log's verifier key (a C2SP vkey, from <c>GET /v1/audit/key</c> once, checked out of band and then
    /// pinned). When set, every call that leaves an entry also fetches its inclusion receipt and verifies it offline
    /// against this key: the partner holds proof of every access made in its name. Unset: no receipts.
    /// </summary>
    public string? LogKey { get; init; }

    /// <summary>A token is renewed this long before it expires.</summary>
    public TimeSpan TokenRenewal { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock, for tests.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
