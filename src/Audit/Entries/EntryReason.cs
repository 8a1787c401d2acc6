namespace Avz.Audit.Entries;

/// <summary>
/// Why an entry's decision is what it is, beyond the policy's rule ids. A closed set of codes, specified in
/// <c>src/Audit/README.md</c>; a refusal carries the code of its cause.
/// </summary>
public enum EntryReason
{
    /// <summary><c>not-participant</c>: the caller's party does not take part in the case.</summary>
    NotParticipant,

    /// <summary><c>no-policy</c>: the case's convenant has no active policy on this gateway (default deny).</summary>
    NoPolicy,

    /// <summary><c>not-in-convenant</c>: the caller's party is not a party of the convenant.</summary>
    NotInConvenant,

    /// <summary><c>supply-not-permitted</c>: no rule lets the party supply this category for the case's purpose.</summary>
    SupplyNotPermitted,

    /// <summary><c>not-direction-holder</c>: emergency access by a party that does not hold process direction.</summary>
    NotDirectionHolder,

    /// <summary><c>shredded</c>: the case's data was erased at the end of its retention.</summary>
    Shredded,

    /// <summary><c>own-supply</c>: the caller received fields its own party supplied; that is not a disclosure.</summary>
    OwnSupply,

    /// <summary><c>retention-ended</c>: the case's retention period ended.</summary>
    RetentionEnded,

    /// <summary><c>not-stored</c>: the change the referenced entry records was not stored.</summary>
    NotStored,

    /// <summary><c>not-own-entry</c>: a partner asked for an access-log entry another party's call wrote.</summary>
    NotOwnEntry,

    /// <summary><c>purpose-mismatch</c>: a participant asked for the case's data for another purpose than the case's own.</summary>
    PurposeMismatch,

    /// <summary><c>unknown-case</c>: an authenticated call named a case id the gateway does not hold (a guess, or a typo).</summary>
    UnknownCase,

    /// <summary><c>not-consent-authority</c>: a party the convenant does not let record consent tried to record or withdraw it.</summary>
    NotConsentAuthority,

    /// <summary><c>scope-missing</c>: the caller's token lacks the scope the operation needs (separation of duties).</summary>
    ScopeMissing,

    /// <summary><c>case-finished</c>: the case is closed or rejected; nothing more is supplied, admitted or handed over.</summary>
    CaseFinished,

    /// <summary><c>already-participant</c>: the party to admit already takes part in the case.</summary>
    AlreadyParticipant,

    /// <summary><c>target-not-participant</c>: process direction was to go to a party that does not take part in the case.</summary>
    TargetNotParticipant,

    /// <summary><c>transition-not-allowed</c>: the case cannot move to that status from its current one.</summary>
    TransitionNotAllowed,

    /// <summary><c>unknown-consent</c>: the consent named is not on record for this case.</summary>
    UnknownConsent,

    /// <summary><c>consent-withdrawn</c>: the consent named was withdrawn already.</summary>
    ConsentWithdrawn,

    /// <summary><c>same-administrator</c>: the administrator who uploaded a policy version tried to approve it (four eyes).</summary>
    SameAdministrator,

    /// <summary><c>not-approved</c>: a policy version no second administrator approved was to be activated.</summary>
    NotApproved,

    /// <summary><c>staff-client</c>: a privacy officer's or administrator's client was to be registered or disabled over the API; that is done on the gateway host.</summary>
    StaffClient,

    /// <summary><c>bad-credentials</c>: a staff login with a wrong password.</summary>
    BadCredentials,

    /// <summary><c>bad-second-factor</c>: a staff login whose password was right and whose authenticator or recovery code was not.</summary>
    BadSecondFactor,

    /// <summary><c>locked-out</c>: a staff login to an account locked after repeated failures, or disabled.</summary>
    LockedOut,

    /// <summary><c>unknown-action</c>: the plan action named is not one of the case's.</summary>
    UnknownAction,

    /// <summary><c>not-owner</c>: a plan action's status was to be changed by a party that neither owns it, holds process direction, nor is the house.</summary>
    NotOwner,
}
