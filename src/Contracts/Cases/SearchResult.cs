namespace Avz.Exchange.Cases;

/// <summary>The cases of a subject that the caller participates in.</summary>
/// <param name="Cases">The cases.</param>
public sealed record SearchResult(IReadOnlyList<CaseSummary> Cases);
