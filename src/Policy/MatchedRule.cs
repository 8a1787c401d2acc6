namespace Avz.Policy;

/// <summary>A rule that decided at least one requested field.</summary>
/// <param name="Id">The rule id.</param>
/// <param name="LegalBasis">Its legal basis (the purpose's when the rule names none).</param>
/// <param name="Ground">Its ground for special or criminal data, if any.</param>
public readonly record struct MatchedRule(string Id, string LegalBasis, string? Ground);
