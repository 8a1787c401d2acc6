using Avz.Audit.Entries;
using Avz.Identity;
using Avz.Policy.Model;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>Partner clients for administrators: list, register with a JWKS, disable; logged as over the API and <c>avz clients</c>.</summary>
[Authorize(Policy = PortalPaths.Administrator)]
public sealed class ClientsModel(PartnerClients clients, ClientAdministration administration, IPolicySource policies) : PageModel
{
    /// <summary>The party of a new client.</summary>
    [BindProperty]
    public string? Party { get; set; }

    /// <summary>The client id (register, disable).</summary>
    [BindProperty]
    public string? ClientId { get; set; }

    /// <summary>The public keys of a new client.</summary>
    [BindProperty]
    public string? Jwks { get; set; }

    /// <summary>Every client.</summary>
    public IReadOnlyList<PartnerClient> Clients { get; private set; } = [];

    /// <summary>The parties of the active convenants.</summary>
    public IReadOnlyList<PartyDefinition> Parties { get; private set; } = [];

    /// <summary>What the last change did.</summary>
    public string? Message { get; private set; }

    /// <summary>Whether it was refused.</summary>
    public bool Failed { get; private set; }

    /// <summary>Shows the page.</summary>
    /// <returns>A task.</returns>
    public Task OnGetAsync() => LoadAsync();

    /// <summary>Registers a partner client.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostRegisterAsync()
    {
        var outcome = await administration.RegisterAsync(
            StaffCaller.Of(HttpContext).Entry(EntryAction.ClientAdd, EntryDecision.Permitted), Party, string.IsNullOrWhiteSpace(ClientId) ? null : ClientId.Trim(), Jwks, null,
            party => policies.Active.Any(p => p.FindParty(party) is not null), HttpContext.RequestAborted).ConfigureAwait(false);
        (Message, Failed) = outcome.Problem is { } problem ? (problem.Title, true) : ($"{outcome.Client!.ClientId} geregistreerd voor {outcome.Client.Party}.", false);
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    /// <summary>Disables a partner client.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostDisableAsync()
    {
        var outcome = await administration.DisableAsync(StaffCaller.Of(HttpContext).Entry(EntryAction.ClientDisable, EntryDecision.Permitted), ClientId ?? "", HttpContext.RequestAborted).ConfigureAwait(false);
        (Message, Failed) = outcome.Problem is { } problem ? (problem.Title, true) : ($"{outcome.Client!.ClientId} geblokkeerd: het krijgt geen nieuwe tokens meer.", false);
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        Clients = await clients.ListAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        Parties = [.. policies.Active.SelectMany(p => p.Document.Parties).DistinctBy(p => p.Id).OrderBy(p => p.Name, StringComparer.Ordinal)];
    }
}
