namespace Avz.Audit.Entries;

/// <summary>The role of a staff account (<c>targetStaff.role</c>). Every value is specified in <c>src/Audit/README.md</c>.</summary>
public enum StaffRole
{
    /// <summary><c>privacy-officer</c>: reads the access log, reports to data subjects, reviews emergency access.</summary>
    PrivacyOfficer,

    /// <summary><c>administrator</c>: maintains convenant policies and partner clients.</summary>
    Administrator,
}
