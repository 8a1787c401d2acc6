namespace Avz.Audit.Entries;

/// <summary>
/// What an entry records. A closed set: the leaf carries the wire word (<c>case.register</c>, <c>audit.read-entry</c>),
/// the domain before the dot, the operation after it. Every value is specified in <c>src/Audit/README.md</c>.
/// </summary>
public enum EntryAction
{
    /// <summary><c>case.register</c>: a partner registered a case.</summary>
    CaseRegister,

    /// <summary><c>case.search</c>: a partner searched its cases by BSN.</summary>
    CaseSearch,

    /// <summary><c>case.read</c>: a partner read a case's registration, participants and status history.</summary>
    CaseRead,

    /// <summary><c>case.admit</c>: a party was admitted to a case.</summary>
    CaseAdmit,

    /// <summary><c>case.direction</c>: process direction was handed over.</summary>
    CaseDirection,

    /// <summary><c>case.status</c>: the case moved to another status.</summary>
    CaseStatus,

    /// <summary><c>information.supply</c>: a partner supplied an item of information.</summary>
    InformationSupply,

    /// <summary><c>information.request</c>: a partner requested the case's information.</summary>
    InformationRequest,

    /// <summary><c>information.emergency</c>: the direction holder requested information under the emergency override.</summary>
    InformationEmergency,

    /// <summary><c>consent.record</c>: consent was recorded.</summary>
    ConsentRecord,

    /// <summary><c>consent.withdraw</c>: consent was withdrawn.</summary>
    ConsentWithdraw,

    /// <summary><c>consent.read</c>: a partner read the consents of a case.</summary>
    ConsentRead,

    /// <summary><c>retention.shred</c>: a case past its retention was crypto-shredded.</summary>
    RetentionShred,

    /// <summary><c>audit.read-entry</c>: an access-log entry or its receipt was read.</summary>
    AuditReadEntry,

    /// <summary><c>audit.read-bundle</c>: an entry bundle (tlog-tiles) was read.</summary>
    AuditReadBundle,

    /// <summary><c>audit.read-justification</c>: a privacy officer read an emergency justification kept beside the log.</summary>
    AuditReadJustification,

    /// <summary><c>audit.search</c>: a privacy officer searched the log index (<c>query</c>; <c>case</c> when the search named one; <c>counts.hits</c>).</summary>
    AuditSearch,

    /// <summary><c>audit.subject-report</c>: a privacy officer made a data subject's access report (<c>subject</c>, <c>counts.hits</c>).</summary>
    AuditSubjectReport,

    /// <summary><c>audit.read-reviews</c>: a privacy officer read the review queue (<c>counts.hits</c>).</summary>
    AuditReadReviews,

    /// <summary><c>audit.review-verdict</c>: a privacy officer gave a verdict on an entry in the review queue (<c>refersTo</c>, <c>verdict</c>, <c>justification</c>: the comment's commitment).</summary>
    AuditReviewVerdict,

    /// <summary><c>audit.verify</c>: a privacy officer started a full verification of the log (<c>counts.hits</c>: the log's size then).</summary>
    AuditVerify,

    /// <summary><c>audit.export</c>: a privacy officer exported the log for a period in the Logboek Dataverwerkingen shape (<c>counts.hits</c>: the records).</summary>
    AuditExport,

    /// <summary><c>client.add</c>: a partner client was registered.</summary>
    ClientAdd,

    /// <summary><c>client.disable</c>: a partner client was disabled.</summary>
    ClientDisable,

    /// <summary><c>keys.rotate</c>: the key-encryption key was rotated and the data keys re-wrapped.</summary>
    KeysRotate,

    /// <summary><c>access.refused</c>: an authenticated caller was refused an operation its token's scopes do not allow (<c>operation</c> names it).</summary>
    AccessRefused,

    /// <summary><c>policy.seed</c>: the gateway made a convenant's policy file its first stored, active version.</summary>
    PolicySeed,

    /// <summary><c>policy.upload</c>: an administrator uploaded a policy version.</summary>
    PolicyUpload,

    /// <summary><c>policy.approve</c>: a second administrator approved a policy version.</summary>
    PolicyApprove,

    /// <summary><c>policy.activate</c>: an administrator made an approved policy version the active one.</summary>
    PolicyActivate,

    /// <summary><c>staff.add</c>: a staff account was created with its second factor.</summary>
    StaffAdd,

    /// <summary><c>staff.disable</c>: a staff account was disabled.</summary>
    StaffDisable,

    /// <summary><c>staff.login</c>: a staff member logged in to the portal with password and second factor, or was refused.</summary>
    StaffLogin,

    /// <summary><c>signal.record</c>: a partner recorded (or renewed) that it is involved with a person: an early signal, no content.</summary>
    SignalRecord,

    /// <summary><c>signal.match</c>: a signal made two or more parties with an active signal on one person; <c>signals</c> names them.</summary>
    SignalMatch,

    /// <summary><c>signal.expire</c>: a signal's validity ended; it counts for no match any more.</summary>
    SignalExpire,

    /// <summary><c>signal.read</c>: a partner read its own active signals and who else is involved.</summary>
    SignalRead,

    /// <summary><c>subject.known</c>: a partner asked whether a person is known to the house (an active case or a match); yes or no only.</summary>
    SubjectKnown,

    /// <summary><c>plan.add</c>: the house or the direction holder added an action to a case's plan of approach.</summary>
    PlanAdd,

    /// <summary><c>plan.status</c>: an action's status changed (open, done, stalled, cancelled).</summary>
    PlanStatus,

    /// <summary><c>plan.read</c>: a participant read a case's plan: the actions the policy lets it read, the rest withheld.</summary>
    PlanRead,

    /// <summary><c>plan.escalate</c>: an overdue action reached a step of the convenant's escalation ladder.</summary>
    PlanEscalate,

    /// <summary><c>notification.read</c>: a partner fetched its notifications (case ids and what happened, no content).</summary>
    NotificationRead,
}
