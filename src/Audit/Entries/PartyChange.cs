namespace Avz.Audit.Entries;

/// <summary>A role passing between convenant parties, such as process direction.</summary>
/// <param name="From">The party that held it.</param>
/// <param name="To">The party that holds it now.</param>
public sealed record PartyChange(string From, string To);
