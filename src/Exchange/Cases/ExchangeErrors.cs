namespace Avz.Exchange.Cases;

/// <summary>The stable error codes of case operations. Tests and partner systems rely on the codes, never on the wording.</summary>
public static class ExchangeErrors
{
    internal static ExchangeError UnknownConvenant { get; } = new("AVZ-CASE-0001", ErrorKind.Invalid, "The convenant is unknown to this gateway.");

    internal static ExchangeError UnknownPurpose { get; } = new("AVZ-CASE-0002", ErrorKind.Invalid, "The purpose is not one of the convenant's purposes.");

    internal static ExchangeError UnknownMunicipality { get; } = new("AVZ-CASE-0015", ErrorKind.Invalid, "The municipality is not a municipality of the convenant.");

    internal static ExchangeError QuarterRange { get; } = new("AVZ-TREND-0001", ErrorKind.Invalid, "from and to are quarters written as 2026-Q3, from not after to, at most 40 quarters apart.");

    internal static ExchangeError ContactRoleInvalid { get; } = new("AVZ-SIGNAL-0001", ErrorKind.Invalid, "The contact role is 1-40 of a-z, 0-9 and -, starting with a letter (a role, not a name).");

    internal static ExchangeError PlanOwnerNotParticipant { get; } = new("AVZ-PLAN-0001", ErrorKind.Invalid, "The owner of an action is a party that participates in the case.");

    internal static ExchangeError PlanDescriptionRequired { get; } = new("AVZ-PLAN-0002", ErrorKind.Invalid, "An action needs a description of 1 to 2000 characters.");

    internal static ExchangeError PlanDueRequired { get; } = new("AVZ-PLAN-0003", ErrorKind.Invalid, "An action needs a due date (yyyy-MM-dd).");

    internal static ExchangeError PlanActionNotFound { get; } = new("AVZ-PLAN-0004", ErrorKind.NotFound, "No such action in this case's plan.");

    internal static ExchangeError PlanStatusUnknown { get; } = new("AVZ-PLAN-0005", ErrorKind.Invalid, "The status is not one of open, done, stalled, cancelled.");

    internal static ExchangeError PlanNotOwner { get; } = new("AVZ-PLAN-0006", ErrorKind.Forbidden, "Only the action's owner, the direction holder or the house changes its status.");

    internal static ExchangeError PlanTransition { get; } = new("AVZ-PLAN-0007", ErrorKind.Conflict, "A done or cancelled action does not change any more.");

    internal static ExchangeError NotificationQuery { get; } = new("AVZ-NOTIFY-0001", ErrorKind.Invalid, "after is 0 or a notification id; limit is 1 to 500.");

    internal static ExchangeError InvalidBsn { get; } = new("AVZ-BSN-0001", ErrorKind.Invalid, "The subject's BSN is not nine digits that pass the eleven-check.");

    internal static ExchangeError ReasonRequired { get; } = new("AVZ-CASE-0003", ErrorKind.Invalid, "A reason of 1 to 2000 characters is required.");

    internal static ExchangeError CaseNotFound { get; } = new("AVZ-CASE-0004", ErrorKind.NotFound, "No such case.");

    internal static ExchangeError NotParticipant { get; } = new("AVZ-CASE-0005", ErrorKind.Forbidden, "Your party does not participate in this case (need-to-know).");

    internal static ExchangeError NotInConvenant { get; } = new("AVZ-CASE-0006", ErrorKind.Forbidden, "Your party is not a party to this convenant.");

    internal static ExchangeError NotDirecting { get; } = new("AVZ-CASE-0007", ErrorKind.Forbidden, "Only the house or the party holding process direction may do this.");

    internal static ExchangeError BadTransition { get; } = new("AVZ-CASE-0008", ErrorKind.Invalid, "The case cannot move to that status from its current one.");

    internal static ExchangeError CaseFinished { get; } = new("AVZ-CASE-0009", ErrorKind.Conflict, "The case is closed or rejected.");

    internal static ExchangeError CaseShredded { get; } = new("AVZ-CASE-0010", ErrorKind.Gone, "The case's data was destroyed when its retention ended.");

    internal static ExchangeError UnknownParty { get; } = new("AVZ-CASE-0011", ErrorKind.Invalid, "The party is not a party to the case's convenant.");

    internal static ExchangeError UnknownStatus { get; } = new("AVZ-CASE-0012", ErrorKind.Invalid, "The status is not one of registered, triage, consultation, monitoring, closed, rejected.");

    internal static ExchangeError AlreadyParticipant { get; } = new("AVZ-CASE-0013", ErrorKind.Conflict, "The party already participates in the case.");

    internal static ExchangeError DirectionToParticipant { get; } = new("AVZ-CASE-0014", ErrorKind.Invalid, "Process direction goes to a party that participates in the case.");

    internal static ExchangeError UnknownCategory { get; } = new("AVZ-INFO-0001", ErrorKind.Invalid, "The category is not one of the convenant's data categories.");

    internal static ExchangeError UnknownField { get; } = new("AVZ-INFO-0002", ErrorKind.Invalid, "A field is not part of the category.");

    internal static ExchangeError WrongFieldType { get; } = new("AVZ-INFO-0003", ErrorKind.Invalid, "A field value does not have the field's type.");

    internal static ExchangeError ValueTooLong { get; } = new("AVZ-INFO-0004", ErrorKind.Invalid, "A field value is longer than its type allows (string 200, text 4000 characters).");

    internal static ExchangeError NoFields { get; } = new("AVZ-INFO-0005", ErrorKind.Invalid, "An item needs at least one field.");

    internal static ExchangeError SupplyNotPermitted { get; } = new("AVZ-INFO-0006", ErrorKind.Forbidden, "No rule lets your party supply this category for the case's purpose.");

    internal static ExchangeError JustificationRequired { get; } = new("AVZ-INFO-0007", ErrorKind.Invalid, "Emergency access needs a justification of 20 to 2000 characters.");

    internal static ExchangeError EmergencyRefused { get; } = new("AVZ-INFO-0008", ErrorKind.Forbidden, "Emergency access is for the party holding process direction, where a rule allows it.");

    internal static ExchangeError PurposeMismatch { get; } = new("AVZ-INFO-0009", ErrorKind.Invalid, "The purpose does not match the case's purpose.");

    /// <summary>AVZ-INFO-0010.</summary>
    internal static ExchangeError InvalidText { get; } = new("AVZ-INFO-0010", ErrorKind.Invalid, "A field value is not valid Unicode text (a lone surrogate, invalid UTF-8, or a control character).");

    /// <summary>AVZ-INFO-0011.</summary>
    internal static ExchangeError RegistrationNotSupplied { get; } = new("AVZ-INFO-0011", ErrorKind.Invalid, "The registration category holds the BSN and reason given when the case was registered; it cannot be supplied.");

    internal static ExchangeError ConsentNotFound { get; } = new("AVZ-CONSENT-0001", ErrorKind.NotFound, "No such consent on this case.");

    internal static ExchangeError ConsentInvalid { get; } = new("AVZ-CONSENT-0002", ErrorKind.Invalid, "A consent needs categories, recipients of the convenant, an evidence reference (1-500 characters) and a validity in the future.");

    internal static ExchangeError ConsentWithdrawn { get; } = new("AVZ-CONSENT-0003", ErrorKind.Conflict, "The consent was already withdrawn.");

    /// <summary>AVZ-CONSENT-0004.</summary>
    internal static ExchangeError ConsentNotAuthorized { get; } = new("AVZ-CONSENT-0004", ErrorKind.Forbidden, "Your party may not record or withdraw consent on this case; the convenant names who may (consentRecordedBy).");

    /// <summary>AVZ-ADMIN-0001.</summary>
    internal static ExchangeError ConvenantMismatch { get; } = new("AVZ-ADMIN-0001", ErrorKind.Invalid, "The policy declares another convenant than the one in the path.");

    /// <summary>AVZ-ADMIN-0002.</summary>
    internal static ExchangeError NoActivePolicy { get; } = new("AVZ-ADMIN-0002", ErrorKind.NotFound, "This gateway holds no policy of that convenant; a new convenant starts from its policy file.");

    /// <summary>AVZ-ADMIN-0003.</summary>
    internal static ExchangeError PolicyVersionNotFound { get; } = new("AVZ-ADMIN-0003", ErrorKind.NotFound, "No such policy version of this convenant.");

    /// <summary>AVZ-ADMIN-0004.</summary>
    internal static ExchangeError SameAdministrator { get; } = new("AVZ-ADMIN-0004", ErrorKind.Forbidden, "A policy version is approved by another administrator (another client and professional) than the one who uploaded it.");

    /// <summary>AVZ-ADMIN-0005.</summary>
    internal static ExchangeError NotApproved { get; } = new("AVZ-ADMIN-0005", ErrorKind.Conflict, "The policy version awaits a second administrator's approval.");

    /// <summary>AVZ-AUDIT-0011.</summary>
    internal static ExchangeError NoLogIndex { get; } = new("AVZ-AUDIT-0011", ErrorKind.Unavailable, "This gateway's access-log store keeps no index.");

    /// <summary>AVZ-AUDIT-0012.</summary>
    internal static ExchangeError ReviewWordUnknown { get; } = new("AVZ-AUDIT-0012", ErrorKind.Invalid, "state is open, justified, not-justified or escalated; a verdict is justified, not-justified or escalated.");

    /// <summary>AVZ-AUDIT-0013.</summary>
    internal static ExchangeError VerdictCommentRequired { get; } = new("AVZ-AUDIT-0013", ErrorKind.Invalid, "A verdict needs a comment of 1 to 2000 characters.");

    /// <summary>AVZ-AUDIT-0014.</summary>
    internal static ExchangeError NotInReview { get; } = new("AVZ-AUDIT-0014", ErrorKind.NotFound, "That entry is not in the review queue.");

    /// <summary>AVZ-AUDIT-0015.</summary>
    internal static ExchangeError ReviewClosed { get; } = new("AVZ-AUDIT-0015", ErrorKind.Conflict, "That review is closed; a final verdict stands, as the log does.");
}
