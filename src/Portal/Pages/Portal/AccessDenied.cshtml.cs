using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>Where a staff member lands on a page of the other role (403; the refusal was logged before).</summary>
[Authorize(Policy = PortalPaths.Staff)]
public sealed class AccessDeniedModel : PageModel
{
}
