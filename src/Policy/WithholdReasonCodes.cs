namespace Avz.Policy;

/// <summary>The stable reason codes that responses and the access log carry for withheld fields.</summary>
public static class WithholdReasonCodes
{
    /// <summary>The code of a reason, such as <c>consent-required</c>.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>Its stable, lowercase code.</returns>
    public static string ToCode(this WithholdReason reason) => reason switch
    {
        WithholdReason.None => "none",
        WithholdReason.NotPermitted => "not-permitted",
        WithholdReason.ConsentRequired => "consent-required",
        WithholdReason.OutsideEffectivePeriod => "outside-effective-period",
        WithholdReason.EmergencyNotAllowed => "emergency-not-allowed",
        WithholdReason.NotDirectionHolder => "not-direction-holder",
    };

    /// <summary>Parses a reason code.</summary>
    /// <param name="code">The code.</param>
    /// <param name="reason">The reason, when the code is known.</param>
    /// <returns>Whether the code is known.</returns>
    public static bool TryParse(string code, out WithholdReason reason)
    {
        foreach (var candidate in Enum.GetValues<WithholdReason>())
        {
            if (string.Equals(candidate.ToCode(), code, StringComparison.Ordinal))
            {
                reason = candidate;
                return true;
            }
        }

        reason = default;
        return false;
    }
}
