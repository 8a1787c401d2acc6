using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Merkle;
using Avz.Audit.Notes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Avz.Exchange.Portal.Pages.Portal;

/// <summary>
/// One entry for a privacy officer, with its inclusion-proof status: the proof from the entry to the newest signed
/// checkpoint is recomputed and checked, and the checkpoint's signature against the log's key. Reading it is an
/// <c>audit.read-entry</c> entry, written first.
/// </summary>
[Authorize(Policy = PortalPaths.PrivacyOfficer)]
public sealed class EntryModel(AccessLog log) : PageModel
{
    /// <summary>The entry's index.</summary>
    [FromRoute]
    public long Index { get; set; }

    /// <summary>The entry's members and values, in the leaf's order.</summary>
    public IReadOnlyList<(string Name, string Value)> Members { get; private set; } = [];

    /// <summary>Whether the entry is proven in a signed checkpoint.</summary>
    public bool Proven { get; private set; }

    /// <summary>The proof's status in words.</summary>
    public string ProofStatus { get; private set; } = "";

    /// <summary>Reads, logs and proves the entry.</summary>
    /// <returns>The page, or 404.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        if (Index < 0 || log.ReadLeaf(Index) is not { } leaf)
        {
            return NotFound();
        }

        await log.AppendAsync(StaffCaller.Of(HttpContext).Entry(EntryAction.AuditReadEntry, EntryDecision.Permitted) with { RefersTo = Index }, HttpContext.RequestAborted).ConfigureAwait(false);
        Members = [.. JsonDocument.Parse(leaf).RootElement.EnumerateObject().Select(m => (m.Name, m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString()! : m.Value.GetRawText()))];
        if (log.LatestCheckpoint is not { } checkpoint || checkpoint.Size <= Index)
        {
            ProofStatus = "Nog niet in een ondertekend controlepunt opgenomen; dat gebeurt binnen enkele seconden. Vernieuw de pagina.";
            return Page();
        }

        var signed = NoteVerifier.Parse(log.VerifierKey).TryVerify(checkpoint.Note, out _);
        var included = MerkleVerifier.VerifyInclusion(Index, checkpoint.Size, MerkleHash.Leaf(leaf), log.InclusionProof(Index, checkpoint.Size), checkpoint.Root);
        Proven = signed && included;
        ProofStatus = Proven
            ? $"Bewezen: het inclusiebewijs leidt naar het ondertekende controlepunt van {checkpoint.Size} vermeldingen, en de handtekening klopt met de sleutel van het logboek."
            : $"Niet bewezen: {(included ? "" : "het inclusiebewijs klopt niet. ")}{(signed ? "" : "de handtekening van het controlepunt klopt niet. ")}Meld dit bij de beheerder van de gateway.";
        return Page();
    }
}
