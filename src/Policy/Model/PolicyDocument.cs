namespace Avz.Policy.Model;

/// <summary>A convenant policy as written in its YAML file, after parsing and validation.</summary>
/// <param name="Convenant">The convenant.</param>
/// <param name="Parties">The parties, in declaration order.</param>
/// <param name="Purposes">The purposes, in declaration order.</param>
/// <param name="Categories">The data categories, in declaration order.</param>
/// <param name="Rules">The rules, in declaration order.</param>
public sealed record PolicyDocument(
    ConvenantInfo Convenant,
    IReadOnlyList<PartyDefinition> Parties,
    IReadOnlyList<PurposeDefinition> Purposes,
    IReadOnlyList<CategoryDefinition> Categories,
    IReadOnlyList<RuleDefinition> Rules)
{
    /// <summary>The escalation ladder for overdue plan actions, in order; empty when the convenant declares none.</summary>
    public IReadOnlyList<EscalationStep> Escalation { get; init; } = [];
}
