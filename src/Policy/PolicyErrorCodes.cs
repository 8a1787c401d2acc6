namespace Avz.Policy;

/// <summary>
/// The stable codes of policy validation findings. Codes never change meaning; tests and tools match on them, not on
/// the wording of the message. <c>src/Policy/README.md</c> lists each with an example.
/// </summary>
public static class PolicyErrorCodes
{
    /// <summary>The file is not well-formed YAML, or is empty.</summary>
    public const string Syntax = "AVZ-POLICY-0001";

    /// <summary>A key the policy language does not have (often a typo).</summary>
    public const string UnknownKey = "AVZ-POLICY-0002";

    /// <summary>A required key is missing or empty.</summary>
    public const string MissingKey = "AVZ-POLICY-0003";

    /// <summary>A value has the wrong form: a date, a number, a URI, an id, a period, a list where a value belongs.</summary>
    public const string InvalidValue = "AVZ-POLICY-0004";

    /// <summary>Two parties, purposes, categories, fields of one category, or rules share an id.</summary>
    public const string DuplicateId = "AVZ-POLICY-0005";

    /// <summary>A rule names a party that the file does not declare.</summary>
    public const string UnknownParty = "AVZ-POLICY-0006";

    /// <summary>A rule names a purpose that the file does not declare.</summary>
    public const string UnknownPurpose = "AVZ-POLICY-0007";

    /// <summary>A rule names a category that the file does not declare.</summary>
    public const string UnknownCategory = "AVZ-POLICY-0008";

    /// <summary>A rule names a field that its category does not have.</summary>
    public const string UnknownField = "AVZ-POLICY-0009";

    /// <summary>A category declares no fields.</summary>
    public const string CategoryWithoutFields = "AVZ-POLICY-0010";

    /// <summary>A rule for a special (AVG art. 9) or criminal (AVG art. 10) category names no ground.</summary>
    public const string MissingGround = "AVZ-POLICY-0011";

    /// <summary>Two rules govern the same field between the same parties for the same purpose on overlapping dates.</summary>
    public const string OverlappingRules = "AVZ-POLICY-0012";

    /// <summary>A rule's <c>until</c> lies before its <c>from</c>.</summary>
    public const string InvalidPeriod = "AVZ-POLICY-0013";

    /// <summary>An enum field lists no values, or a field that is not an enum lists values.</summary>
    public const string EnumValues = "AVZ-POLICY-0014";

    /// <summary>A category has more fields than a decision can carry (64).</summary>
    public const string TooManyFields = "AVZ-POLICY-0015";

    /// <summary>A population is given for a party that is not a municipality, or is missing for a municipality.</summary>
    public const string Population = "AVZ-POLICY-0016";

    /// <summary>An OIN is not 20 digits.</summary>
    public const string InvalidOin = "AVZ-POLICY-0017";

    /// <summary>A party kind, or a <c>kind:</c> selector in a rule, that the language does not know.</summary>
    public const string UnknownKind = "AVZ-POLICY-0018";

    /// <summary>The convenant's time zone is not a known IANA zone.</summary>
    public const string UnknownTimeZone = "AVZ-POLICY-0019";

    /// <summary><c>emergency: allowed</c> on a rule that does not require consent: the override only stands in for missing consent, so it would do nothing.</summary>
    public const string EmergencyWithoutConsent = "AVZ-POLICY-0020";

    /// <summary><c>consentRecordedBy</c> names neither a declared party nor <c>house</c> or <c>direction-holder</c>, or is empty.</summary>
    public const string UnknownConsentRecorder = "AVZ-POLICY-0021";

    /// <summary>The reserved category <c>registration</c> does not have exactly the fields <c>subject</c> (string) and <c>reason</c> (text).</summary>
    public const string RegistrationFields = "AVZ-POLICY-0022";

    /// <summary>An escalation step with an unknown target, a period that is not one, a duplicate id, or a deadline before the step above it.</summary>
    public const string Escalation = "AVZ-POLICY-0023";

    /// <summary>The reserved category <c>plan-action</c> does not have exactly the field <c>description</c> (text).</summary>
    public const string PlanActionFields = "AVZ-POLICY-0024";

    /// <summary>Every code, for documentation and tests.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Syntax, UnknownKey, MissingKey, InvalidValue, DuplicateId, UnknownParty, UnknownPurpose, UnknownCategory,
        UnknownField, CategoryWithoutFields, MissingGround, OverlappingRules, InvalidPeriod, EnumValues,
        TooManyFields, Population, InvalidOin, UnknownKind, UnknownTimeZone, EmergencyWithoutConsent,
        UnknownConsentRecorder, RegistrationFields, Escalation, PlanActionFields,
    ];
}
