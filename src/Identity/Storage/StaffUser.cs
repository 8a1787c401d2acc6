namespace Avz.Identity.Storage;

/// <summary>A member of the house's staff who logs in to the portal: a privacy officer or an administrator.</summary>
public sealed class StaffUser : Microsoft.AspNetCore.Identity.IdentityUser
{
}
