using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages;

/// <summary>The accessibility statement; public.</summary>
[AllowAnonymous]
public sealed class AccessibilityModel : PageModel
{
}
