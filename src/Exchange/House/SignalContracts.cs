namespace Avz.Exchange.House;

/// <summary>Records an early signal: the calling party is involved with the person. Nothing more.</summary>
/// <param name="Convenant">The convenant.</param>
/// <param name="Subject">The person's BSN; only its blind index is stored.</param>
/// <param name="ContactRole">Whom at the party to ask (a word such as <c>jeugdconsulent</c>, 1-40 of a-z, 0-9 and -); no name, no content.</param>
public sealed record RecordSignal(string? Convenant, string? Subject, string? ContactRole);

/// <summary>One of the calling party's signals.</summary>
/// <param name="Id">The signal id; the party keeps it with the person in its own system.</param>
/// <param name="Convenant">The convenant.</param>
/// <param name="ContactRole">The contact role given.</param>
/// <param name="RecordedAt">When it was recorded or last renewed.</param>
/// <param name="ValidUntil">When it ends unless renewed.</param>
/// <param name="Involved">The other parties with an active signal on the same person: a match when any. Who, and whom to ask there; nothing more.</param>
public sealed record SignalView(Guid Id, string Convenant, string ContactRole, DateTimeOffset RecordedAt, DateTimeOffset ValidUntil, IReadOnlyList<InvolvedParty> Involved);

/// <summary>Another party involved with the same person.</summary>
/// <param name="Party">Its party id.</param>
/// <param name="ContactRole">Whom to ask there.</param>
public sealed record InvolvedParty(string Party, string ContactRole);

/// <summary>The calling party's active signals.</summary>
/// <param name="Signals">Newest first.</param>
public sealed record SignalList(IReadOnlyList<SignalView> Signals);

/// <summary>Asks whether a person is known to the house.</summary>
/// <param name="Convenant">The convenant.</param>
/// <param name="Subject">The person's BSN.</param>
public sealed record KnownQuery(string? Convenant, string? Subject);

/// <summary>Yes or no, never more.</summary>
/// <param name="Known">Whether the person has an active case (not closed, rejected or shredded) or a match of signals.</param>
public sealed record KnownAnswer(bool Known);

/// <summary>A recorded signal, and whether the call created it (or renewed the party's active one).</summary>
/// <param name="Signal">The signal.</param>
/// <param name="Created">True for a new signal, false for a renewal.</param>
public sealed record RecordedSignal(SignalView Signal, bool Created);
