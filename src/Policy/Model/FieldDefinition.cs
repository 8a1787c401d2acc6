namespace Avz.Policy.Model;

/// <summary>A field of a data category.</summary>
/// <param name="Id">Field name, unique within its category.</param>
/// <param name="Type">Type of its value.</param>
/// <param name="Values">Allowed values, for <see cref="FieldType.Enum"/> only.</param>
/// <param name="Location">Where the field is declared.</param>
public sealed record FieldDefinition(string Id, FieldType Type, IReadOnlyList<string> Values, SourceLocation Location);
