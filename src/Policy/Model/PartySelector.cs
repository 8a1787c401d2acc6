namespace Avz.Policy.Model;

/// <summary>A party named in a rule: by id (<c>politie</c>) or by kind (<c>kind:municipality</c>).</summary>
/// <param name="PartyId">The party's id, or null when the selector names a kind.</param>
/// <param name="Kind">The kind, or null when the selector names a party.</param>
/// <param name="Location">Where the selector is written.</param>
public sealed record PartySelector(string? PartyId, PartyKind? Kind, SourceLocation Location)
{
    /// <summary>The prefix that marks a selector by kind.</summary>
    public const string KindPrefix = "kind:";

    /// <summary>Whether this selector matches the party.</summary>
    /// <param name="party">The party to test.</param>
    /// <returns>True when the id or the kind matches.</returns>
    public bool Matches(PartyDefinition party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return PartyId is not null ? string.Equals(PartyId, party.Id, StringComparison.Ordinal) : Kind == party.Kind;
    }

    /// <inheritdoc />
    public override string ToString() => PartyId ?? KindPrefix + Kind.ToString()!.ToLowerInvariant();
}
