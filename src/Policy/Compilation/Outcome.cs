namespace Avz.Policy.Compilation;

/// <summary>
/// The precomputed answer for every field of one category, for one cell, time segment and request variant. Outcomes
/// are immutable and shared, so a decision only points at one: that is what keeps <c>Decide</c> free of allocation.
/// </summary>
internal sealed class Outcome
{
    public Outcome(ulong permitted, ulong viaEmergency, WithholdReason[] reasons, int[] ruleOfField)
    {
        Permitted = permitted;
        ViaEmergency = viaEmergency;
        Reasons = reasons;
        RuleOfField = ruleOfField;
        Rules = ruleOfField.Where(r => r >= 0).Distinct().Order().ToArray();
    }

    public ulong Permitted { get; }

    public ulong ViaEmergency { get; }

    /// <summary>Per field: why it is withheld, or <see cref="WithholdReason.None"/>.</summary>
    public WithholdReason[] Reasons { get; }

    /// <summary>Per field: the index of the rule that decided it, or -1 where none did.</summary>
    public int[] RuleOfField { get; }

    /// <summary>The distinct rules that decided any field, ascending.</summary>
    public int[] Rules { get; }
}
