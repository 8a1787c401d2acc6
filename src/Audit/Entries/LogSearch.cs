namespace Avz.Audit.Entries;

/// <summary>What a privacy officer searched the log for (<c>query</c> of an <c>audit.search</c>): identifiers, closed words and times, never free text.</summary>
/// <param name="Party">The party searched for.</param>
/// <param name="Actor">The professional searched for.</param>
/// <param name="Case">The case searched for.</param>
/// <param name="Purpose">The purpose searched for.</param>
/// <param name="Action">The action searched for.</param>
/// <param name="Decision">The decision searched for.</param>
/// <param name="Emergency">Only entries with (true) or without (false) emergency access.</param>
/// <param name="From">The period's start.</param>
/// <param name="To">The period's end.</param>
public sealed record LogSearch(
    string? Party = null,
    string? Actor = null,
    string? Case = null,
    string? Purpose = null,
    EntryAction? Action = null,
    EntryDecision? Decision = null,
    bool? Emergency = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);
