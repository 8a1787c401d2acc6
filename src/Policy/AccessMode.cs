namespace Avz.Policy;

/// <summary>Whether a request is ordinary or an emergency override (doorzettingsmacht).</summary>
public enum AccessMode
{
    /// <summary>An ordinary request: only what the rules grant the recipient.</summary>
    Normal,

    /// <summary>
    /// An emergency request, with a justification recorded by the caller: the party holding process direction also
    /// receives what rules with <c>emergency: allowed</c> let its suppliers share, without consent and even when it
    /// is not a listed recipient.
    /// </summary>
    Emergency,
}
