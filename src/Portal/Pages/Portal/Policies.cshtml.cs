using System.Text;
using Avz.Exchange.Policies;
using Avz.Policy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>The administrator's view of the convenant policies: every stored version and its state, and the upload of a new one (validated first: findings shown at their line, nothing stored).</summary>
[Authorize(Policy = PortalPaths.Administrator)]
public sealed class PoliciesModel(IPolicySource policies, IPolicyAdministration store) : PageModel
{
    /// <summary>The largest policy file the portal takes.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The versions per convenant.</summary>
    public IReadOnlyList<(string Convenant, IReadOnlyList<PolicyVersionView> Versions)> Convenants { get; private set; } = [];

    /// <summary>The findings of a refused upload.</summary>
    public IReadOnlyList<Finding> Findings { get; private set; } = [];

    /// <summary>The refused file's name.</summary>
    public string? FileName { get; private set; }

    /// <summary>What went wrong otherwise, if anything.</summary>
    public string? Message { get; private set; }

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
    public Task OnGetAsync() => LoadAsync();

    /// <summary>Uploads a version: refused with its findings, or stored and shown with its diff and impact.</summary>
    /// <param name="bestand">The file.</param>
    /// <returns>The version's page, or this page with what is wrong.</returns>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? bestand)
    {
        if (bestand is null || bestand.Length is 0 or > MaxBytes)
        {
            Message = "Kies een beleidsbestand (YAML) van hoogstens 1 MB.";
            await LoadAsync().ConfigureAwait(false);
            return Page();
        }

        string yaml;
        try
        {
            using var reader = new StreamReader(bestand.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
            yaml = await reader.ReadToEndAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            Message = "Het bestand is geen geldige UTF-8-tekst.";
            await LoadAsync().ConfigureAwait(false);
            return Page();
        }

        FileName = Path.GetFileName(bestand.FileName);
        var loaded = PolicyLoader.Load(yaml, FileName);
        if (loaded.Policy is not { } policy)
        {
            var lines = yaml.Split('\n');
            Findings = [.. loaded.Diagnostics.Select(d => new Finding(d.Location.Line, d.Location.Column, d.Code, d.Message, d.Location.Line >= 1 && d.Location.Line <= lines.Length ? lines[d.Location.Line - 1].TrimEnd('\r') : ""))];
            await LoadAsync().ConfigureAwait(false);
            return Page();
        }

        var result = await store.UploadAsync(StaffCaller.Of(HttpContext), policy.ConvenantId, policy, yaml, HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            Message = error.Title;
            await LoadAsync().ConfigureAwait(false);
            return Page();
        }

        return Redirect($"/portal/beleid/{Uri.EscapeDataString(policy.ConvenantId)}/{policy.VersionHash["sha256:".Length..]}");
    }

    private async Task LoadAsync()
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

    /// <summary>One finding, with the text of its line.</summary>
    /// <param name="Line">The line.</param>
    /// <param name="Column">The column.</param>
    /// <param name="Code">The stable code.</param>
    /// <param name="Message">What is wrong.</param>
    /// <param name="Text">The line as written.</param>
    public sealed record Finding(int Line, int Column, string Code, string Message, string Text);
}
