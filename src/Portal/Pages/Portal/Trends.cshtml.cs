using Avz.Exchange.House;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>The house's trend counts for every staff member: a chart per quarter and the suppressed tables per municipality and purpose.</summary>
[Authorize(Policy = PortalPaths.Staff)]
public sealed class TrendsModel(TrendReports trends, IPolicySource policies) : PageModel
{
    /// <summary>The reports, one per convenant.</summary>
    public IReadOnlyList<TrendReport> Reports { get; private set; } = [];

    /// <summary>What is wrong with the asked quarters, if anything.</summary>
    public string? Message { get; private set; }

    /// <summary>The first quarter asked for.</summary>
    public string? Van { get; private set; }

    /// <summary>The last quarter asked for.</summary>
    public string? Tot { get; private set; }

    /// <summary>Shows the reports.</summary>
    /// <param name="van">The first quarter (2026-Q1); default three before the last.</param>
    /// <param name="tot">The last quarter; default the current.</param>
    /// <returns>A task.</returns>
    public async Task OnGetAsync(string? van, string? tot)
    {
        Van = string.IsNullOrWhiteSpace(van) ? null : van.Trim();
        Tot = string.IsNullOrWhiteSpace(tot) ? null : tot.Trim();
        var reports = new List<TrendReport>();
        foreach (var convenant in policies.Active.Select(p => p.ConvenantId).Order(StringComparer.Ordinal))
        {
            var result = await trends.ReportAsync(convenant, null, Van, Tot, HttpContext.RequestAborted).ConfigureAwait(false);
            if (result.Error is not null)
            {
                Message = "Geef kwartalen als 2026-Q1; 'van' niet na 'tot', hoogstens 40 kwartalen.";
                break;
            }

            reports.Add(result.Value!);
        }

        Reports = Message is null ? reports : [];
    }
}
