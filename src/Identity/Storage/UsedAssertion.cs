namespace Avz.Identity.Storage;

/// <summary>A client assertion that was accepted once and must not be accepted again before it expires.</summary>
public sealed class UsedAssertion
{
    /// <summary>The client.</summary>
    public required string ClientId { get; init; }

    /// <summary>The assertion's jti.</summary>
    public required string TokenId { get; init; }

    /// <summary>When the assertion expires, in Unix seconds (SQLite compares these; it cannot compare DateTimeOffset); after that the row may go.</summary>
    public long ExpiresAt { get; init; }
}
