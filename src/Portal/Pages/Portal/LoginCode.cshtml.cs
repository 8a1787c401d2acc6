using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Identity;
using Avz.Identity.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>The second step: the authenticator's code (RFC 6238) or a single-use recovery code. Only then a session.</summary>
[AllowAnonymous]
public sealed class LoginCodeModel(SignInManager<StaffUser> signIn, AccessLog log) : PageModel
{
    /// <summary>The code typed.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>What went wrong, if anything.</summary>
    public string? Message { get; private set; }

    /// <summary>Shows the form, after a right password only.</summary>
    /// <returns>The form, or the first step.</returns>
    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync().ConfigureAwait(false) is null ? Redirect(PortalPaths.Login) : Page();

    /// <summary>Checks the code and starts the session.</summary>
    /// <returns>The start page, or the form again.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync().ConfigureAwait(false) is not { } user)
        {
            return Redirect(PortalPaths.Login);
        }

        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length is 0 or > 16)
        {
            Message = "Vul de code uit uw authenticator-app in.";
            return Page();
        }

        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false).ConfigureAwait(false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(Code!.Trim()).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await LoginModel.LogAsync(log, HttpContext, user, result.IsLockedOut ? EntryReason.LockedOut : EntryReason.BadSecondFactor).ConfigureAwait(false);
            Message = result.IsLockedOut ? "Dit account is geblokkeerd na te veel pogingen." : "Deze code klopt niet (meer). Codes wisselen elke dertig seconden.";
            return Page();
        }

        // The session cookie is on the response; if the entry cannot be stored the error handler drops it (fail closed).
        var role = (await signIn.UserManager.GetClaimsAsync(user).ConfigureAwait(false)).FirstOrDefault(c => c.Type == StaffRoles.ClaimType)?.Value;
        await log.AppendAsync(
            LoginModel.Entry(HttpContext, user, EntryDecision.Permitted) with { ActorRole = role, TargetStaff = new StaffReference(user.Id, StaffCaller.Role(role)) },
            HttpContext.RequestAborted).ConfigureAwait(false);
        return Redirect(PortalPaths.Root);
    }
}
