using Avz.Identity.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>Ends the session (a form post, with antiforgery, so no other site can log a staff member out).</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<StaffUser> signIn) : PageModel
{
    /// <summary>Nothing to show: back to the login.</summary>
    /// <returns>A redirect.</returns>
    public IActionResult OnGet() => Redirect(PortalPaths.Login);

    /// <summary>Signs out.</summary>
    /// <returns>The login page.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync().ConfigureAwait(false);
        return Redirect(PortalPaths.Login);
    }
}
