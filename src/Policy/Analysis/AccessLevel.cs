namespace Avz.Policy.Analysis;

/// <summary>How freely a field flows between two parties for a purpose; ordered from least to most.</summary>
public enum AccessLevel
{
    /// <summary>Never.</summary>
    None,

    /// <summary>Only through the emergency override of the direction holder.</summary>
    EmergencyOnly,

    /// <summary>Only with the subject's consent on record.</summary>
    WithConsent,

    /// <summary>Always, on the rule's legal basis.</summary>
    Granted,
}
