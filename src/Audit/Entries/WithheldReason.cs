namespace Avz.Audit.Entries;

/// <summary>Why a field was withheld from a request. A closed set, specified in <c>src/Audit/README.md</c>.</summary>
public enum WithheldReason
{
    /// <summary><c>not-permitted</c>: no rule grants the field between these parties for this purpose (default deny).</summary>
    NotPermitted,

    /// <summary><c>consent-required</c>: a rule grants it only with the subject's consent, and none covers the recipient.</summary>
    ConsentRequired,

    /// <summary><c>outside-effective-period</c>: a rule grants it, but not at the time of the request.</summary>
    OutsideEffectivePeriod,

    /// <summary><c>emergency-not-allowed</c>: an emergency request, but no rule allows the override for this field.</summary>
    EmergencyNotAllowed,

    /// <summary><c>not-direction-holder</c>: an emergency request by a party without process direction.</summary>
    NotDirectionHolder,

    /// <summary><c>not-participant</c>: the recipient does not take part in the case.</summary>
    NotParticipant,
}
