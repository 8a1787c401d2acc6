using Avz.Exchange.Oversight;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>The review queue for privacy officers, with the verdict form; reading and judging are entries, as over the API.</summary>
[Authorize(Policy = PortalPaths.PrivacyOfficer)]
public sealed class ReviewsModel(Reviews reviews) : PageModel
{
    /// <summary>The reviewed entry of a verdict.</summary>
    [BindProperty]
    public long Index { get; set; }

    /// <summary>The verdict.</summary>
    [BindProperty]
    public string? Verdict { get; set; }

    /// <summary>Its comment.</summary>
    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>The queue.</summary>
    public IReadOnlyList<ReviewItem> Items { get; private set; } = [];

    /// <summary>What the last verdict did.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether it was refused.</summary>
    public bool Failed { get; private set; }

    /// <summary>A reason in Dutch.</summary>
    /// <param name="reason">The reason word.</param>
    /// <returns>The text.</returns>
    public static string ReasonName(string reason) => reason switch
    {
        "emergency" => "noodtoegang",
        "refusal-burst" => "reeks weigeringen",
        "volume-above-median" => "veel meer opvragingen dan gewoonlijk",
        "outside-office-hours" => "buiten kantoortijd",
        "closed-or-shredded-case" => "gesloten of vernietigde zaak",
        "fishing" => "zoeken zonder zaak",
        _ => reason,
    };

    /// <summary>A state in Dutch.</summary>
    /// <param name="state">The state word.</param>
    /// <returns>The text.</returns>
    public static string StateName(string state) => state switch
    {
        "justified" => "terecht",
        "not-justified" => "niet terecht",
        "escalated" => "doorverwezen",
        _ => "open",
    };

    /// <summary>Shows the queue.</summary>
    /// <returns>The page.</returns>
    public Task<IActionResult> OnGetAsync() => ShowAsync();

    /// <summary>Records a verdict, then shows the queue.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        var result = await reviews.GiveVerdictAsync(StaffCaller.Of(HttpContext), Index, Verdict, Comment, HttpContext.RequestAborted).ConfigureAwait(false);
        (Message, Failed) = result.Error is { } error ? (error.Title, true) : ($"Oordeel over vermelding {Index} vastgelegd: {StateName(result.Value!.State)}.", false);
        return await ShowAsync().ConfigureAwait(false);
    }

    private async Task<IActionResult> ShowAsync()
    {
        var result = await reviews.ReadAsync(StaffCaller.Of(HttpContext), null, HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            (Message, Failed) = (error.Title, true);
        }

        Items = result.Value?.Items ?? [];
        return Page();
    }
}
