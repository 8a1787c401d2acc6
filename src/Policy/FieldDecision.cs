namespace Avz.Policy;

/// <summary>The decision on one field.</summary>
/// <param name="Field">The field id.</param>
/// <param name="Reason">Why it was withheld, or <see cref="WithholdReason.None"/> when permitted.</param>
/// <param name="RuleId">The rule that decided it; null when no rule applies (default deny).</param>
/// <param name="LegalBasis">That rule's legal basis.</param>
/// <param name="Ground">That rule's ground for special or criminal data.</param>
/// <param name="ViaEmergency">Whether it was released only through the emergency override.</param>
public readonly record struct FieldDecision(string Field, WithholdReason Reason, string? RuleId, string? LegalBasis, string? Ground, bool ViaEmergency)
{
    /// <summary>Whether the field is permitted.</summary>
    public bool IsPermitted => Reason == WithholdReason.None;
}
