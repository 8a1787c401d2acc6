namespace Avz.Audit.Entries;

/// <summary>
/// An entry of leaf format version 1, as written before version 2: kept so that logs written then still decode and
/// verify. New entries are <see cref="AccessLogEntry"/>. One access or change, as NEN 7513 asks: who (party, client, professional, role, on behalf of), what (action,
/// case, categories and fields released and withheld), whom (the subject's pseudonym, never a BSN), why (purpose,
/// processing activity, legal basis, policy version), when, and with which outcome. The log sets
/// <see cref="Index"/> and <see cref="Time"/> when it appended.
/// </summary>
public sealed record AccessLogEntryV1
{
    /// <summary>The 0-based sequence number in the log.</summary>
    public long Index { get; init; }

    /// <summary>When the log accepted the entry.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The convenant the access falls under.</summary>
    public string? Convenant { get; init; }

    /// <summary>The convenant party that acted.</summary>
    public required string Party { get; init; }

    /// <summary>The OAuth client (partner system) that called.</summary>
    public string? Client { get; init; }

    /// <summary>The acting professional (Avz-Actor-Id).</summary>
    public string? Actor { get; init; }

    /// <summary>The professional's role (Avz-Actor-Role).</summary>
    public string? ActorRole { get; init; }

    /// <summary>The responsible user the professional acted for (Avz-On-Behalf-Of).</summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>What happened, such as <c>information.request</c> or <c>client.add</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The case id.</summary>
    public string? Case { get; init; }

    /// <summary>The subject's keyed pseudonym. Never a BSN.</summary>
    public string? Subject { get; init; }

    /// <summary>The purpose id.</summary>
    public string? Purpose { get; init; }

    /// <summary>The processing activity URI (Logboek Dataverwerkingen).</summary>
    public string? ProcessingActivity { get; init; }

    /// <summary>Fields released, as <c>category/field</c>.</summary>
    public IReadOnlyList<string> Released { get; init; } = [];

    /// <summary>Fields withheld, with their reason codes.</summary>
    public IReadOnlyList<WithheldFieldV1> Withheld { get; init; } = [];

    /// <summary>The outcome: <c>permitted</c>, <c>partial</c>, <c>refused</c> or <c>error</c>.</summary>
    public required string Decision { get; init; }

    /// <summary>Reasons for the outcome: rule ids, missing conditions, error codes.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>The legal bases the released data flowed on.</summary>
    public IReadOnlyList<string> LegalBasis { get; init; } = [];

    /// <summary>The policy version hash that decided.</summary>
    public string? PolicyVersion { get; init; }

    /// <summary>Whether the emergency override was used; such entries go to the privacy officers' review queue.</summary>
    public bool Emergency { get; init; }

    /// <summary>The justification given for emergency access.</summary>
    public string? Justification { get; init; }

    /// <summary>The transaction id (Avz-Transaction-Id, FSC).</summary>
    public string? TransactionId { get; init; }

    /// <summary>The W3C trace id.</summary>
    public string? TraceId { get; init; }
}
