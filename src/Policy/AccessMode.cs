namespace Avz.Policy;

/// <summary>Whether a request is ordinary or an emergency override (doorzettingsmacht).</summary>
public enum AccessMode
{
    /// <summary>An ordinary request: only what the rules grant the recipient.</summary>
    Normal,

    /// <summary>
    /// An emergency request, with a justification recorded by the caller: the party holding process direction
    /// receives, without the consent that is missing, what a rule with <c>emergency: allowed</c> grants it. It never
    /// receives what no rule names it for.
    /// </summary>
    Emergency,
}
