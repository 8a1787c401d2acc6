using Avz.Exchange.Policies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>The administrator's view of the convenant policies: every stored version and its state.</summary>
[Authorize(Policy = PortalPaths.Administrator)]
public sealed class PoliciesModel(IPolicySource policies, IPolicyAdministration store) : PageModel
{
    /// <summary>The versions per convenant.</summary>
    public IReadOnlyList<(string Convenant, IReadOnlyList<PolicyVersionView> Versions)> Convenants { get; private set; } = [];

    /// <summary>A state in Dutch.</summary>
    /// <param name="state">The state word.</param>
    /// <returns>The text.</returns>
    public static string StateName(string state) => state switch
    {
        "active" => "actief",
        "approved" => "goedgekeurd",
        _ => "wacht op goedkeuring",
    };

    /// <summary>Shows the page.</summary>
    /// <returns>A task.</returns>
    public async Task OnGetAsync()
    {
        var result = new List<(string, IReadOnlyList<PolicyVersionView>)>();
        foreach (var convenant in policies.Active.Select(p => p.ConvenantId).Order(StringComparer.Ordinal))
        {
            if ((await store.ListAsync(convenant, HttpContext.RequestAborted).ConfigureAwait(false)).Value is { } versions)
            {
                result.Add((convenant, versions));
            }
        }

        Convenants = result;
    }
}
