namespace Avz.Policy.Model;

/// <summary>A party that signed the convenant.</summary>
/// <param name="Id">Stable identifier used in rules.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">Kind of party; rules may name parties by kind.</param>
/// <param name="Oin">Optional Dutch government organisation identification number (20 digits).</param>
/// <param name="Population">Inhabitants, for municipalities only.</param>
/// <param name="Location">Where the party is declared.</param>
public sealed record PartyDefinition(string Id, string Name, PartyKind Kind, string? Oin, int? Population, SourceLocation Location);
