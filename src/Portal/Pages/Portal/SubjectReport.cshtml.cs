using System.Text;
using Avz.Exchange.Oversight;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>A data subject's access report for privacy officers: the BSN in a posted form only, the report logged before it is shown, printable or as CSV.</summary>
[Authorize(Policy = PortalPaths.PrivacyOfficer)]
public sealed class SubjectReportModel(SubjectReports reports) : PageModel
{
    /// <summary>The BSN typed; shown back only in the form it came from.</summary>
    [BindProperty]
    public string? Bsn { get; set; }

    /// <summary>The report, once made.</summary>
    public SubjectReport? Report { get; private set; }

    /// <summary>What was wrong, if anything.</summary>
    public string? Message { get; private set; }

    /// <summary>Makes the report and shows it.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        Report = await MakeAsync().ConfigureAwait(false);
        return Page();
    }

    /// <summary>Makes the report and hands it out as CSV.</summary>
    /// <returns>The CSV file, or the page with what was wrong.</returns>
    public async Task<IActionResult> OnPostCsvAsync() =>
        await MakeAsync().ConfigureAwait(false) is { } report
            ? File(Encoding.UTF8.GetBytes(SubjectReports.ToCsv(report.Entries)), "text/csv; charset=utf-8", "inzage.csv")
            : Page();

    private async Task<SubjectReport?> MakeAsync()
    {
        var result = await reports.MakeAsync(StaffCaller.Of(HttpContext), Bsn?.Trim(), HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            Message = error.Code == "AVZ-BSN-0001" ? "Dit is geen geldig BSN: negen cijfers die de elfproef doorstaan." : error.Title;
        }

        return result.Value;
    }
}
