namespace Avz.Policy.Model;

/// <summary>A grant: for a purpose, a category may flow from suppliers to recipients on a legal basis.</summary>
/// <param name="Id">Stable identifier, reported with every decision the rule takes part in.</param>
/// <param name="Purpose">The purpose id.</param>
/// <param name="Category">The category id.</param>
/// <param name="Suppliers">Who may supply.</param>
/// <param name="Recipients">Who may receive.</param>
/// <param name="LegalBasis">The legal basis; the purpose's when the rule names none.</param>
/// <param name="Ground">The ground for special (AVG art. 9) or criminal (AVG art. 10) data; required for those categories.</param>
/// <param name="Fields">The fields the rule grants; null means every field of the category.</param>
/// <param name="RequiresConsent">Whether the subject's consent must be on record.</param>
/// <param name="EmergencyAllowed">Whether the party holding process direction may override with a justification.</param>
/// <param name="From">First day the rule is effective, inclusive; null means always.</param>
/// <param name="Until">Last day the rule is effective, inclusive; null means open-ended.</param>
/// <param name="Location">Where the rule is declared.</param>
public sealed record RuleDefinition(
    string Id,
    string Purpose,
    string Category,
    IReadOnlyList<PartySelector> Suppliers,
    IReadOnlyList<PartySelector> Recipients,
    string? LegalBasis,
    string? Ground,
    IReadOnlyList<string>? Fields,
    bool RequiresConsent,
    bool EmergencyAllowed,
    DateOnly? From,
    DateOnly? Until,
    SourceLocation Location);
