namespace Avz.Exchange.Cases;

/// <summary>The stages of a case (design.md: registration, triage, consultation, monitoring, closure).</summary>
public enum CaseStatus
{
    /// <summary>Registered (aanmelding), awaiting triage.</summary>
    Registered,

    /// <summary>In triage with police, probation and prosecution.</summary>
    Triage,

    /// <summary>In case consultation (casusoverleg); a plan of approach is made.</summary>
    Consultation,

    /// <summary>The plan runs and is monitored.</summary>
    Monitoring,

    /// <summary>Closed; the retention deadline runs.</summary>
    Closed,

    /// <summary>Not taken on by the house; the retention deadline runs.</summary>
    Rejected,
}
