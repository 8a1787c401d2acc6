using System.Globalization;
using Avz.Exchange.House;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>The administrators' contributions page: a budget divided over the convenant's municipalities by population, to the cent.</summary>
[Authorize(Policy = PortalPaths.Administrator)]
public sealed class ContributionsModel(IPolicySource policies) : PageModel
{
    /// <summary>The shares per convenant, once a total is given.</summary>
    public IReadOnlyList<(string Convenant, IReadOnlyList<Contribution> Shares)> Splits { get; private set; } = [];

    /// <summary>The total as typed.</summary>
    public string? Totaal { get; private set; }

    /// <summary>The year as typed.</summary>
    public string? Jaar { get; private set; }

    /// <summary>What is wrong with the input, if anything.</summary>
    public string? Message { get; private set; }

    /// <summary>Shows the form, and the split when a total and year are given.</summary>
    /// <param name="totaal">The budget in euros (Dutch: 139.000 or 58358,50).</param>
    /// <param name="jaar">The budget year.</param>
    public void OnGet(string? totaal, string? jaar)
    {
        Totaal = totaal;
        Jaar = jaar;
        if (totaal is null && jaar is null)
        {
            return;
        }

        if (!decimal.TryParse(totaal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, DutchNumbers.Format, out var total)
            || total <= 0 || total > ContributionSplit.MaximumTotal || decimal.Round(total, 2) != total)
        {
            Message = "Geef het totaal in euro's met hoogstens twee cijfers achter de komma, bijvoorbeeld 58.358,50.";
            return;
        }

        if (!int.TryParse(jaar, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 2200)
        {
            Message = "Geef het begrotingsjaar, bijvoorbeeld 2019.";
            return;
        }

        Splits = [.. policies.Active.OrderBy(p => p.ConvenantId, StringComparer.Ordinal)
            .Where(p => p.Document.Parties.Any(x => x.Kind == Avz.Policy.Model.PartyKind.Municipality))
            .Select(p => (p.ConvenantId, ContributionSplit.Divide(p, total)))];
    }
}
