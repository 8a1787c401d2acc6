using Avz.Audit;
using Avz.Audit.Entries;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>Accesses per day and party over the last two weeks, as a chart and a table, for privacy officers; reading it is an <c>audit.search</c> entry (the period, the entries counted).</summary>
[Authorize(Policy = PortalPaths.PrivacyOfficer)]
public sealed class OverviewModel(AccessLog log, TimeProvider time) : PageModel
{
    private const int Days = 14;

    /// <summary>The chart.</summary>
    public AccessChart? Chart { get; private set; }

    /// <summary>Reads the index, logs the read, draws.</summary>
    /// <returns>A task.</returns>
    public async Task OnGetAsync()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = today.AddDays(-(Days - 1));
        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var rows = log.HasIndex ? log.IndexRowsSince(from) : [];
        var chart = AccessChart.Of(rows, first, Days);
        await log.AppendAsync(
            StaffCaller.Of(HttpContext).Entry(EntryAction.AuditSearch, EntryDecision.Permitted) with
            {
                Query = new LogSearch(null, null, null, null, null, null, null, from, from.AddDays(Days)),
                Counts = new EntryCounts { Hits = chart.Total },
            },
            HttpContext.RequestAborted).ConfigureAwait(false);
        Chart = chart;
    }
}
