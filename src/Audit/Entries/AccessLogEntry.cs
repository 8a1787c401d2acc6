namespace Avz.Audit.Entries;

/// <summary>
/// One access or change, as NEN 7513 asks: who (party, client, professional, role, on behalf of), what (action, case,
/// fields supplied, released and withheld), whom (the subject's pseudonym, never a BSN), why (purpose, processing
/// activity, rules, legal basis, policy version), when, and with which outcome. Leaf format version 2: every member
/// is an identifier, a number or a value of a closed set, never free text; <c>src/Audit/README.md</c> specifies each.
/// The log sets <see cref="Index"/> and <see cref="Time"/> when it appends.
/// </summary>
public sealed record AccessLogEntry
{
    /// <summary>The 0-based sequence number in the log.</summary>
    public long Index { get; init; }

    /// <summary>When the log accepted the entry.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The convenant the access falls under.</summary>
    public string? Convenant { get; init; }

    /// <summary>The convenant party that acted (<c>system</c> for the gateway's own jobs, <c>administrator</c> for the operator's command).</summary>
    public required string Party { get; init; }

    /// <summary>The OAuth client (partner system) that called.</summary>
    public string? Client { get; init; }

    /// <summary>The acting professional (Avz-Actor-Id).</summary>
    public string? Actor { get; init; }

    /// <summary>The professional's role (Avz-Actor-Role).</summary>
    public string? ActorRole { get; init; }

    /// <summary>The responsible user the professional acted for (Avz-On-Behalf-Of).</summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>What happened.</summary>
    public required EntryAction Action { get; init; }

    /// <summary>The outcome.</summary>
    public required EntryDecision Decision { get; init; }

    /// <summary>Codes that explain the outcome beyond the rules: the cause of a refusal or error, own supply, ...</summary>
    public IReadOnlyList<EntryReason> Reasons { get; init; } = [];

    /// <summary>The case id.</summary>
    public string? Case { get; init; }

    /// <summary>The subject's keyed pseudonym. Never a BSN.</summary>
    public string? Subject { get; init; }

    /// <summary>The purpose id.</summary>
    public string? Purpose { get; init; }

    /// <summary>The processing activity URI (Logboek Dataverwerkingen).</summary>
    public string? ProcessingActivity { get; init; }

    /// <summary>The policy version hash that decided.</summary>
    public string? PolicyVersion { get; init; }

    /// <summary>The ids of the policy rules that released fields.</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];

    /// <summary>The legal bases the released data flowed on.</summary>
    public IReadOnlyList<string> LegalBasis { get; init; } = [];

    /// <summary>Fields supplied to the gateway (<c>information.supply</c>), as <c>category/field</c>: stored, not disclosed to anyone.</summary>
    public IReadOnlyList<string> Supplied { get; init; } = [];

    /// <summary>Fields disclosed to the caller, as <c>category/field</c>.</summary>
    public IReadOnlyList<string> Released { get; init; } = [];

    /// <summary>The released fields that only the emergency override released (a subset of <see cref="Released"/>).</summary>
    public IReadOnlyList<string> ReleasedViaEmergency { get; init; } = [];

    /// <summary>Fields withheld, with their reasons.</summary>
    public IReadOnlyList<WithheldField> Withheld { get; init; } = [];

    /// <summary>The information items the call stored.</summary>
    public IReadOnlyList<string> Items { get; init; } = [];

    /// <summary>The cases a search found.</summary>
    public IReadOnlyList<string> Cases { get; init; } = [];

    /// <summary>The plan action a <c>plan.*</c> entry is about.</summary>
    public PlanActionReference? PlanAction { get; init; }

    /// <summary>The parties whose early signals on the subject the entry is about (<c>signal.*</c>).</summary>
    public IReadOnlyList<string> Signals { get; init; } = [];

    /// <summary>Whether the call was an emergency access (doorzettingsmacht); such entries go to the privacy officers' review.</summary>
    public bool Emergency { get; init; }

    /// <summary>The commitment to the emergency justification; the text itself is kept beside the log, encrypted.</summary>
    public TextCommitment? Justification { get; init; }

    /// <summary>The status change a <c>case.status</c> or <c>case.register</c> made.</summary>
    public StatusChange? Status { get; init; }

    /// <summary>The party admitted to the case (<c>case.admit</c>).</summary>
    public string? Admitted { get; init; }

    /// <summary>The hand-over of process direction (<c>case.direction</c>).</summary>
    public PartyChange? Direction { get; init; }

    /// <summary>The consent recorded or withdrawn.</summary>
    public ConsentReference? Consent { get; init; }

    /// <summary>The entry this one is about: the change an <c>error</c> entry reports as not completed, or the entry an <c>audit.read-entry</c> read.</summary>
    public long? RefersTo { get; init; }

    /// <summary>The entry bundle an <c>audit.read-bundle</c> read.</summary>
    public long? Bundle { get; init; }

    /// <summary>How many things a bulk change touched.</summary>
    public EntryCounts? Counts { get; init; }

    /// <summary>The partner client a client change is about.</summary>
    public ClientReference? TargetClient { get; init; }

    /// <summary>The staff account a staff change or login is about.</summary>
    public StaffReference? TargetStaff { get; init; }

    /// <summary>The key-encryption key a rotation made current.</summary>
    public KekVersion? Key { get; init; }

    /// <summary>The API operation a refused call attempted, by its OpenAPI operation id (<c>access.refused</c>).</summary>
    public string? Operation { get; init; }

    /// <summary>The transaction id (Avz-Transaction-Id, FSC).</summary>
    public string? TransactionId { get; init; }

    /// <summary>What a privacy officer searched for (<c>audit.search</c>).</summary>
    public LogSearch? Query { get; init; }

    /// <summary>A privacy officer's verdict on the entry <see cref="RefersTo"/> names (<c>audit.review-verdict</c>).</summary>
    public ReviewVerdict? Verdict { get; init; }

    /// <summary>The W3C trace id.</summary>
    public string? TraceId { get; init; }
}
