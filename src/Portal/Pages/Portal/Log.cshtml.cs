using System.Globalization;
using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Index;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>The privacy officer's search of the access log, as <c>GET /v1/audit/search</c> does it; the search is logged before its hits are shown.</summary>
[Authorize(Policy = PortalPaths.PrivacyOfficer)]
public sealed class LogModel(AccessLog log) : PageModel
{
    private const int PageSize = 50;

    /// <summary>Whether the form was sent.</summary>
    [BindProperty(SupportsGet = true, Name = "zoek")]
    public int? Search { get; set; }

    /// <summary>The party searched for.</summary>
    [BindProperty(SupportsGet = true, Name = "partij")]
    public string? Party { get; set; }

    /// <summary>The professional searched for.</summary>
    [BindProperty(SupportsGet = true, Name = "medewerker")]
    public string? Actor { get; set; }

    /// <summary>The case searched for.</summary>
    [BindProperty(SupportsGet = true, Name = "zaak")]
    public string? Case { get; set; }

    /// <summary>The action word searched for.</summary>
    [BindProperty(SupportsGet = true, Name = "actie")]
    public string? Action { get; set; }

    /// <summary>From this day (UTC).</summary>
    [BindProperty(SupportsGet = true, Name = "van")]
    public DateOnly? From { get; set; }

    /// <summary>Before this day (UTC).</summary>
    [BindProperty(SupportsGet = true, Name = "tot")]
    public DateOnly? To { get; set; }

    /// <summary>The page's cursor: hits before this index.</summary>
    [BindProperty(SupportsGet = true, Name = "voor")]
    public long? Before { get; set; }

    /// <summary>Every action word, for the choice.</summary>
    public IReadOnlyList<string> Actions { get; } = Wire.All<EntryAction>().ToList();

    /// <summary>The hits of the search, when one ran.</summary>
    public IReadOnlyList<Hit>? Hits { get; private set; }

    /// <summary>The cursor of the next page, if there is one.</summary>
    public long? Next { get; private set; }

    /// <summary>The link to the next page.</summary>
    public string NextLink => QueryString.Create(new Dictionary<string, string?>
    {
        ["zoek"] = "1",
        ["partij"] = Party,
        ["medewerker"] = Actor,
        ["zaak"] = Case,
        ["actie"] = Action,
        ["van"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["tot"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["voor"] = Next?.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    /// <summary>What was wrong with the search, if anything.</summary>
    public string? Message { get; private set; }

    /// <summary>Shows the form, and the hits when it was sent.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        if (Search != 1)
        {
            return Page();
        }

        if (Action is { Length: > 0 } word && !Wire.TryParse<EntryAction>(word, out _))
        {
            Message = "Kies een actie uit de lijst.";
            return Page();
        }

        DateTimeOffset? from = From is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        DateTimeOffset? to = To is { } t ? new DateTimeOffset(t.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
        if (from is not null && to is not null && from >= to)
        {
            Message = "De begindatum ligt vóór de einddatum.";
            return Page();
        }

        if (!log.HasIndex)
        {
            Message = "Dit logboek houdt geen index bij; zoeken kan hier niet.";
            return Page();
        }

        var query = new LogQuery { Party = Empty(Party), Actor = Empty(Actor), Case = Empty(Case), Action = Empty(Action), From = from, To = to, Before = Before, Limit = PageSize };
        var (hits, _) = await log.SearchLoggedAsync(StaffCaller.Of(HttpContext).Entry(EntryAction.AuditSearch, EntryDecision.Permitted), query, HttpContext.RequestAborted).ConfigureAwait(false);
        Hits = [.. hits.Select(h => Hit.Of(h.Index, h.Leaf))];
        Next = hits.Count == PageSize ? hits[^1].Index : null;
        return Page();
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>One entry as the table shows it.</summary>
    /// <param name="Index">Its index.</param>
    /// <param name="Time">When.</param>
    /// <param name="Party">Which party.</param>
    /// <param name="Actor">Which professional.</param>
    /// <param name="Action">What.</param>
    /// <param name="Decision">The outcome.</param>
    /// <param name="Case">The case, if any.</param>
    public sealed record Hit(long Index, string Time, string Party, string? Actor, string Action, string Decision, string? Case)
    {
        internal static Hit Of(long index, byte[] leaf)
        {
            var root = JsonDocument.Parse(leaf).RootElement;
            string? Text(string member) => root.TryGetProperty(member, out var value) ? value.GetString() : null;
            return new Hit(index, Text("time")?.Replace('T', ' ')[..19] ?? "", Text("party") ?? "", Text("actor"), Text("action") ?? "", Text("decision") ?? "", Text("case"));
        }
    }
}
