namespace Avz.Exchange.Cases;

/// <summary>A consent on record, withdrawn or not.</summary>
/// <param name="Id">The consent id.</param>
/// <param name="Purpose">The purpose.</param>
/// <param name="Categories">The categories.</param>
/// <param name="Recipients">The recipient parties.</param>
/// <param name="EvidenceReference">The evidence reference.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="RecordedBy">Which party recorded it.</param>
/// <param name="ValidUntil">Until when it holds.</param>
/// <param name="WithdrawnAt">When it was withdrawn, if it was.</param>
/// <param name="WithdrawnBy">Which party recorded the withdrawal.</param>
public sealed record ConsentView(
    Guid Id,
    string Purpose,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Recipients,
    string EvidenceReference,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    DateTimeOffset ValidUntil,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawnBy);
