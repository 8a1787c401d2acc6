namespace Avz.Audit.Entries;

/// <summary>A case status as the access log names it. A closed set, specified in <c>src/Audit/README.md</c>.</summary>
public enum LoggedCaseStatus
{
    /// <summary><c>registered</c>.</summary>
    Registered,

    /// <summary><c>triage</c>.</summary>
    Triage,

    /// <summary><c>consultation</c>.</summary>
    Consultation,

    /// <summary><c>monitoring</c>.</summary>
    Monitoring,

    /// <summary><c>closed</c>.</summary>
    Closed,

    /// <summary><c>rejected</c>.</summary>
    Rejected,
}
