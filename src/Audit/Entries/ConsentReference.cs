namespace Avz.Audit.Entries;

/// <summary>
/// The consent an entry recorded or withdrew: its id and what it covers. The evidence reference is free text and
/// stays out of the leaf; it is kept encrypted with the case.
/// </summary>
/// <param name="Id">The consent's id.</param>
/// <param name="Categories">The categories it covers; empty on a withdrawal, whose id says which consent ended.</param>
/// <param name="Recipients">The parties it lets receive them; empty on a withdrawal.</param>
/// <param name="ValidUntil">Until when it holds; null on a withdrawal.</param>
public sealed record ConsentReference(string Id, IReadOnlyList<string> Categories, IReadOnlyList<string> Recipients, DateTimeOffset? ValidUntil);
