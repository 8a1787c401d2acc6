using System.Security.Claims;
using Avz.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>The start page: what this staff member's role may do.</summary>
[Authorize(Policy = PortalPaths.Staff)]
public sealed class IndexModel : PageModel
{
    /// <summary>The role in Dutch.</summary>
    public string RoleName => IsPrivacyOfficer ? "functionaris gegevensbescherming" : "beheerder";

    /// <summary>Whether the member is a privacy officer.</summary>
    public bool IsPrivacyOfficer => User.FindFirstValue(StaffRoles.ClaimType) == StaffRoles.PrivacyOfficer;

    /// <summary>Whether the member is an administrator.</summary>
    public bool IsAdministrator => User.FindFirstValue(StaffRoles.ClaimType) == StaffRoles.Administrator;
}
