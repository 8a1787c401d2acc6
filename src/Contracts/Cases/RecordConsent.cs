namespace Avz.Exchange.Cases;

/// <summary>Records the subject's consent.</summary>
/// <param name="Purpose">The purpose; the case's purpose when omitted.</param>
/// <param name="Categories">The categories consented to.</param>
/// <param name="Recipients">The parties that may receive them.</param>
/// <param name="EvidenceReference">Where the evidence is (a document number); stored encrypted.</param>
/// <param name="ValidUntil">Until when the consent holds.</param>
public sealed record RecordConsent(string? Purpose, IReadOnlyList<string>? Categories, IReadOnlyList<string>? Recipients, string? EvidenceReference, DateTimeOffset? ValidUntil);
