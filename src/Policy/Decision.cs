using System.Numerics;
using Avz.Policy.Compilation;

namespace Avz.Policy;

/// <summary>
/// The answer to a <see cref="DecisionRequest"/>: which requested fields are permitted and which are withheld, each
/// with its reason, rule and legal basis, and the policy version that decided. A value type over shared, precomputed
/// tables: creating and reading one allocates nothing.
/// </summary>
public readonly struct Decision
{
    private readonly CompiledPolicy policy;
    private readonly CompiledCategory? category;
    private readonly Outcome? outcome;
    private readonly ulong requested;

    internal Decision(CompiledPolicy policy, DecisionStatus status)
    {
        this.policy = policy;
        Status = status;
    }

    internal Decision(CompiledPolicy policy, CompiledCategory category, Outcome outcome, ulong requested, AccessMode mode)
    {
        this.policy = policy;
        this.category = category;
        this.outcome = outcome;
        this.requested = requested;
        Mode = mode;
        Status = DecisionStatus.Evaluated;
    }

    /// <summary>Whether the request could be evaluated; otherwise nothing is permitted.</summary>
    public DecisionStatus Status { get; }

    /// <summary>The mode the request was made in.</summary>
    public AccessMode Mode { get; }

    /// <summary>The policy version hash that took this decision.</summary>
    public string PolicyVersion => policy.VersionHash;

    /// <summary>The category decided on, or null when the request was not evaluated.</summary>
    public string? Category => category?.Id;

    /// <summary>How many requested fields are permitted.</summary>
    public int PermittedCount => BitOperations.PopCount(PermittedMask);

    /// <summary>How many requested fields are withheld.</summary>
    public int WithheldCount => BitOperations.PopCount(WithheldMask);

    /// <summary>Whether every requested field is permitted.</summary>
    public bool IsFullyPermitted => Status == DecisionStatus.Evaluated && WithheldMask == 0;

    /// <summary>Whether any field was released only through the emergency override; such access is flagged for review.</summary>
    public bool ViaEmergency => outcome is not null && (outcome.ViaEmergency & requested) != 0;

    /// <summary>The permitted fields.</summary>
    public FieldDecisions Permitted => new(this, PermittedMask);

    /// <summary>The withheld fields, each with its reason.</summary>
    public FieldDecisions Withheld => new(this, WithheldMask);

    /// <summary>The rules that decided any requested field, in file order.</summary>
    public MatchedRules Rules => new(this);

    internal ulong PermittedMask => outcome is null ? 0 : outcome.Permitted & requested;

    internal ulong WithheldMask => outcome is null ? 0 : requested & ~outcome.Permitted;

    /// <summary>Whether a named field is permitted.</summary>
    /// <param name="field">The field id.</param>
    /// <returns>True only for a requested field that is permitted.</returns>
    public bool IsPermitted(string field) =>
        category is not null && category.FieldIndex.TryGetValue(field, out var index) && (PermittedMask & (1UL << index)) != 0;

    internal FieldDecision Field(int index)
    {
        var rule = outcome!.RuleOfField[index];
        var compiled = rule < 0 ? null : policy.Rule(rule);
        return new FieldDecision(
            category!.FieldIds[index],
            outcome.Reasons[index],
            compiled?.Id,
            compiled?.LegalBasis,
            compiled?.Definition.Ground,
            (outcome.ViaEmergency & (1UL << index)) != 0);
    }

    internal int RuleCount => outcome?.Rules.Length ?? 0;

    internal MatchedRule? RuleAt(int position)
    {
        var index = outcome!.Rules[position];
        var rule = policy.Rule(index);
        var decides = 0UL;
        for (var field = 0; field < outcome.RuleOfField.Length; field++)
        {
            decides |= outcome.RuleOfField[field] == index ? 1UL << field : 0;
        }

        return (decides & requested) == 0 ? null : new MatchedRule(rule.Id, rule.LegalBasis, rule.Definition.Ground);
    }

    /// <summary>A set of decided fields, enumerable without allocation.</summary>
    public readonly struct FieldDecisions
    {
        private readonly Decision decision;
        private readonly ulong mask;

        internal FieldDecisions(Decision decision, ulong mask)
        {
            this.decision = decision;
            this.mask = mask;
        }

        /// <summary>How many fields the set holds.</summary>
        public int Count => BitOperations.PopCount(mask);

        /// <summary>Returns an enumerator over the fields, in declaration order.</summary>
        /// <returns>The enumerator.</returns>
        public Enumerator GetEnumerator() => new(decision, mask);

        /// <summary>Enumerates the set bits of the field mask.</summary>
        public struct Enumerator
        {
            private readonly Decision decision;
            private ulong remaining;
            private int current;

            internal Enumerator(Decision decision, ulong mask)
            {
                this.decision = decision;
                remaining = mask;
                current = -1;
            }

            /// <summary>The current field.</summary>
            public readonly FieldDecision Current => decision.Field(current);

            /// <summary>Moves to the next field.</summary>
            /// <returns>False at the end.</returns>
            public bool MoveNext()
            {
                if (remaining == 0)
                {
                    return false;
                }

                current = BitOperations.TrailingZeroCount(remaining);
                remaining &= remaining - 1;
                return true;
            }
        }
    }

    /// <summary>The rules that decided a request, enumerable without allocation.</summary>
    public readonly struct MatchedRules
    {
        private readonly Decision decision;

        internal MatchedRules(Decision decision) => this.decision = decision;

        /// <summary>Returns an enumerator over the rules.</summary>
        /// <returns>The enumerator.</returns>
        public Enumerator GetEnumerator() => new(decision);

        /// <summary>Enumerates the rules that decided a requested field.</summary>
        public struct Enumerator
        {
            private readonly Decision decision;
            private int position;
            private MatchedRule current;

            internal Enumerator(Decision decision)
            {
                this.decision = decision;
                position = -1;
                current = default;
            }

            /// <summary>The current rule.</summary>
            public readonly MatchedRule Current => current;

            /// <summary>Moves to the next rule.</summary>
            /// <returns>False at the end.</returns>
            public bool MoveNext()
            {
                while (++position < decision.RuleCount)
                {
                    if (decision.RuleAt(position) is { } rule)
                    {
                        current = rule;
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
