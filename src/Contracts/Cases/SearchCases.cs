namespace Avz.Exchange.Cases;

/// <summary>Finds cases by subject. The BSN travels in a POST body, never in a URL.</summary>
/// <param name="Subject">The subject's BSN.</param>
public sealed record SearchCases(string? Subject);
