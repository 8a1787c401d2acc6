using Avz.Audit;
using Avz.Exchange.Oversight;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>The log's integrity for privacy officers: its size and signed size, and a full verification with its progress; starting one is an entry.</summary>
[Authorize(Policy = PortalPaths.PrivacyOfficer)]
public sealed class IntegrityModel(AccessLog log, LogIntegrity integrity) : PageModel
{
    /// <summary>The log and its newest verification.</summary>
    public IntegrityView? View { get; private set; }

    /// <summary>Shows the state.</summary>
    public void OnGet() => View = IntegrityView.Of(log, integrity.Last);

    /// <summary>Starts a verification (logged), then shows its progress.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        var (run, _) = await integrity.StartLoggedAsync(StaffCaller.Of(HttpContext), HttpContext.RequestAborted).ConfigureAwait(false);
        View = IntegrityView.Of(log, run);
        return Page();
    }
}
