namespace Avz.Policy.Model;

/// <summary>A purpose for which data may be processed.</summary>
/// <param name="Id">Stable identifier used in rules and requests.</param>
/// <param name="Description">What the purpose is.</param>
/// <param name="LegalBasis">The legal basis, as text (WGS, BGS, sector law).</param>
/// <param name="ProcessingActivity">URI into the register of processing activities (Logboek Dataverwerkingen).</param>
/// <param name="Retention">How long case data is kept after the case closes.</param>
/// <param name="Location">Where the purpose is declared.</param>
public sealed record PurposeDefinition(
    string Id,
    string Description,
    string LegalBasis,
    Uri ProcessingActivity,
    RetentionPeriod Retention,
    SourceLocation Location);
