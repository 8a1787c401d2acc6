namespace Avz.Policy.Model;

/// <summary>A category of data, such as police registrations or addiction care.</summary>
/// <param name="Id">Stable identifier used in rules and requests.</param>
/// <param name="Description">What the category holds.</param>
/// <param name="Sensitivity">Its sensitivity under the AVG.</param>
/// <param name="Fields">Its fields, in declaration order.</param>
/// <param name="Location">Where the category is declared.</param>
public sealed record CategoryDefinition(
    string Id,
    string Description,
    Sensitivity Sensitivity,
    IReadOnlyList<FieldDefinition> Fields,
    SourceLocation Location);
