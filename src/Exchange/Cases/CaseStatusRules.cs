namespace Avz.Exchange.Cases;

/// <summary>The allowed transitions between <see cref="CaseStatus"/> values, and their wire names.</summary>
public static class CaseStatusRules
{
    /// <summary>Whether a case may move from one status to another.</summary>
    /// <param name="from">The current status.</param>
    /// <param name="to">The wanted status.</param>
    /// <returns>True for registered → triage → consultation → monitoring → closed, consultation → closed, and rejection from registered or triage.</returns>
    public static bool CanMove(CaseStatus from, CaseStatus to) => (from, to) switch
    {
        (CaseStatus.Registered, CaseStatus.Triage) => true,
        (CaseStatus.Registered, CaseStatus.Rejected) => true,
        (CaseStatus.Triage, CaseStatus.Consultation) => true,
        (CaseStatus.Triage, CaseStatus.Rejected) => true,
        (CaseStatus.Consultation, CaseStatus.Monitoring) => true,
        (CaseStatus.Consultation, CaseStatus.Closed) => true,
        (CaseStatus.Monitoring, CaseStatus.Closed) => true,
        _ => false,
    };

    /// <summary>Whether a case in this status is finished (closed or rejected): nothing more is supplied.</summary>
    /// <param name="status">The status.</param>
    /// <returns>True when finished.</returns>
    public static bool IsFinished(CaseStatus status) => status is CaseStatus.Closed or CaseStatus.Rejected;

    /// <summary>The wire name: lower case.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The name.</returns>
    public static string ToWire(this CaseStatus status) => status switch
    {
        CaseStatus.Registered => "registered",
        CaseStatus.Triage => "triage",
        CaseStatus.Consultation => "consultation",
        CaseStatus.Monitoring => "monitoring",
        CaseStatus.Closed => "closed",
        CaseStatus.Rejected => "rejected",
    };

    /// <summary>Parses a wire name.</summary>
    /// <param name="text">The name.</param>
    /// <param name="status">The status.</param>
    /// <returns>True when known.</returns>
    public static bool TryParse(string? text, out CaseStatus status)
    {
        foreach (var candidate in Enum.GetValues<CaseStatus>())
        {
            if (string.Equals(candidate.ToWire(), text, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
