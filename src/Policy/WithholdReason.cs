namespace Avz.Policy;

/// <summary>Why a field was withheld. Every withheld field carries one; nothing is dropped silently.</summary>
public enum WithholdReason : byte
{
    /// <summary>The field was not withheld.</summary>
    None = 0,

    /// <summary>No rule grants this field between these parties for this purpose (default deny).</summary>
    NotPermitted,

    /// <summary>A rule grants it, but only with the subject's consent, and none is on record.</summary>
    ConsentRequired,

    /// <summary>A rule grants it, but not at the time of the request.</summary>
    OutsideEffectivePeriod,

    /// <summary>An emergency request, but no rule allows emergency access to this field.</summary>
    EmergencyNotAllowed,

    /// <summary>An emergency request by a party that does not hold process direction for the case.</summary>
    NotDirectionHolder,
}
