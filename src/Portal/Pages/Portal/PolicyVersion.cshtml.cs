using Avz.Exchange.Policies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>One version as an approver reads it (its diff against the active version as a matrix, its impact on open cases), with approve and activate: four eyes, so another staff account than the uploader's approves.</summary>
[Authorize(Policy = PortalPaths.Administrator)]
public sealed class PolicyVersionModel(IPolicyAdministration store) : PageModel
{
    /// <summary>The convenant.</summary>
    [FromRoute]
    public string Convenant { get; set; } = "";

    /// <summary>The version hash's hex digits.</summary>
    [FromRoute]
    public string Hash { get; set; } = "";

    /// <summary>The version, its diff and impact.</summary>
    public PolicyReview? Review { get; private set; }

    /// <summary>What the last action did.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether the last action was refused.</summary>
    public bool Failed { get; private set; }

    /// <summary>A level in Dutch.</summary>
    /// <param name="level">The level word.</param>
    /// <returns>The text.</returns>
    public static string LevelName(string level) => level switch
    {
        "granted" => "altijd",
        "with-consent" => "met toestemming",
        "emergency-only" => "alleen bij noodtoegang",
        _ => "nooit",
    };

    /// <summary>Shows the version.</summary>
    /// <returns>The page, or 404.</returns>
    public Task<IActionResult> OnGetAsync() => ShowAsync();

    /// <summary>Approves the version.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostApproveAsync()
    {
        var result = await store.ApproveAsync(StaffCaller.Of(HttpContext), Convenant, FullHash, HttpContext.RequestAborted).ConfigureAwait(false);
        (Message, Failed) = result.Error is { } error ? (Dutch(error.Code, error.Title), true) : ("Goedgekeurd. Een beheerder kan de versie nu activeren.", false);
        return await ShowAsync().ConfigureAwait(false);
    }

    /// <summary>Activates the version.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostActivateAsync()
    {
        var result = await store.ActivateAsync(StaffCaller.Of(HttpContext), Convenant, FullHash, HttpContext.RequestAborted).ConfigureAwait(false);
        (Message, Failed) = result.Error is { } error ? (Dutch(error.Code, error.Title), true) : ("Geactiveerd: deze gateway beslist er nu mee, de andere binnen enkele seconden.", false);
        return await ShowAsync().ConfigureAwait(false);
    }

    private string FullHash => "sha256:" + Hash;

    private async Task<IActionResult> ShowAsync()
    {
        var result = await store.ReviewAsync(Convenant, FullHash, HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.Value is not { } review)
        {
            return NotFound();
        }

        Review = review;
        return Page();
    }

    private static string Dutch(string code, string title) => code switch
    {
        "AVZ-ADMIN-0004" => "Vier ogen: een andere beheerder dan degene die de versie uploadde, moet haar goedkeuren. De poging staat in het logboek.",
        "AVZ-ADMIN-0005" => "Deze versie wacht nog op de goedkeuring van een tweede beheerder.",
        _ => title,
    };
}
