namespace Avz.Audit.Entries;

/// <summary>The staff account a <c>staff.*</c> entry is about: its id (never its e-mail address or name) and role.</summary>
/// <param name="Id">The account's id.</param>
/// <param name="Role">Its role; null when the change does not concern it.</param>
public sealed record StaffReference(string Id, StaffRole? Role);
