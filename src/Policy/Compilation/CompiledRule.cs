using Avz.Policy.Model;

namespace Avz.Policy.Compilation;

/// <summary>A rule with its references resolved: party sets, field mask and effective period as UTC ticks.</summary>
internal sealed class CompiledRule
{
    public CompiledRule(RuleDefinition definition, string legalBasis, bool[] suppliers, bool[] recipients, ulong fields, long fromTicks, long untilTicks)
    {
        Definition = definition;
        LegalBasis = legalBasis;
        Suppliers = suppliers;
        Recipients = recipients;
        Fields = fields;
        FromTicks = fromTicks;
        UntilTicks = untilTicks;
    }

    public RuleDefinition Definition { get; }

    public string Id => Definition.Id;

    public string LegalBasis { get; }

    /// <summary>Indexed by party number.</summary>
    public bool[] Suppliers { get; }

    /// <summary>Indexed by party number.</summary>
    public bool[] Recipients { get; }

    public ulong Fields { get; }

    /// <summary>First effective instant, inclusive.</summary>
    public long FromTicks { get; }

    /// <summary>First instant no longer effective, exclusive.</summary>
    public long UntilTicks { get; }

    public bool IsEffectiveAt(long ticks) => FromTicks <= ticks && ticks < UntilTicks;
}
