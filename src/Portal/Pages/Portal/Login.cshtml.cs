using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Identity.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>
/// The first step: address and password. A right password leads to the second step (never straight in); a wrong one,
/// or a locked account, says the same to everyone, and leaves an entry when the address belongs to an account.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<StaffUser> signIn, AccessLog log) : PageModel
{
    /// <summary>The address typed.</summary>
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The password typed.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>What went wrong, if anything.</summary>
    public string? Message { get; private set; }

    /// <summary>Checks the password.</summary>
    /// <returns>The second step, or the form again.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password) || Email.Length > 256 || Password.Length > 256)
        {
            Message = "Vul uw e-mailadres en wachtwoord in.";
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Email, Password, isPersistent: false, lockoutOnFailure: true).ConfigureAwait(false);
        if (result.RequiresTwoFactor)
        {
            return Redirect(PortalPaths.Login + "/code");
        }

        var user = await signIn.UserManager.FindByEmailAsync(Email).ConfigureAwait(false);
        if (result.Succeeded)
        {
            // Every account has a second factor; one that somehow has none does not get in on a password alone.
            await signIn.SignOutAsync().ConfigureAwait(false);
            await LogAsync(log, HttpContext, user!, EntryReason.BadSecondFactor).ConfigureAwait(false);
            Message = "Dit account heeft geen tweede factor; vraag de beheerder van het AVZ om een nieuwe inschrijving.";
            return Page();
        }

        if (user is not null)
        {
            await LogAsync(log, HttpContext, user, result.IsLockedOut ? EntryReason.LockedOut : EntryReason.BadCredentials).ConfigureAwait(false);
        }

        Message = result.IsLockedOut
            ? "Dit account is tijdelijk of blijvend geblokkeerd. Probeer het over een kwartier opnieuw of neem contact op met de beheerder."
            : "Het e-mailadres of het wachtwoord klopt niet.";
        return Page();
    }

    /// <summary>A refused login's entry: the account by id, never by address.</summary>
    internal static Task<long> LogAsync(AccessLog log, HttpContext context, StaffUser user, EntryReason reason) =>
        log.AppendAsync(Entry(context, user, EntryDecision.Refused) with { Reasons = [reason] }, context.RequestAborted);

    /// <summary>A login entry about the account.</summary>
    internal static AccessLogEntry Entry(HttpContext context, StaffUser user, EntryDecision decision)
    {
        var caller = StaffCaller.Of(context);
        return caller.Entry(EntryAction.StaffLogin, decision) with { Client = StaffCaller.ClientPrefix + user.Id, Actor = user.Id, ActorRole = null, TargetStaff = new StaffReference(user.Id, null) };
    }
}
