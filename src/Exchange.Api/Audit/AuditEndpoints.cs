using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Tiles;
using Avz.Audit.Verification;
using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Partners;
using Avz.Exchange.Cases;
using Avz.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;

namespace Avz.Exchange.Api.Audit;

/// <summary>
/// The access log's read side under <c>/v1/audit</c>, laid out as a C2SP tlog-tiles log (prefix <c>/v1/audit</c>:
/// <c>checkpoint</c>, <c>tile/L/N[.p/W]</c>, <c>tile/entries/N[.p/W]</c>) plus JSON proofs. Key, checkpoint, hash tiles
/// and proofs hold no personal data and are public, so witnesses and partners can check the log without trusting the
/// gateway. Entries are not: a partner reads the entries of its own calls, a privacy officer (scope audit) any; every
/// such read is itself logged (NEN 7513).
/// </summary>
public static class AuditEndpoints
{
    /// <summary>Maps the audit endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/audit").WithTags("Access log");
        group.ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status500InternalServerError);
        group.MapGet("/key", GetKey).WithName("GetAuditKey").WithSummary("The log's verifier key, a C2SP vkey string.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        group.MapGet("/checkpoint", GetCheckpoint).WithName("GetAuditCheckpoint").WithSummary("The newest signed checkpoint (C2SP tlog-checkpoint in a signed note).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/proofs/inclusion", GetInclusionProof).WithName("GetInclusionProof").WithSummary("RFC 9162 inclusion proof of an entry in the tree of a given size (default: the newest checkpoint).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/proofs/consistency", GetConsistencyProof).WithName("GetConsistencyProof").WithSummary("RFC 9162 consistency proof between two tree sizes.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/tile/{level:int}/{**path}", GetTile).WithName("GetTile").WithSummary("A C2SP tlog-tiles hash tile.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/tile/entries/{**path}", GetEntryBundle).WithName("GetEntryBundle").WithSummary("A C2SP tlog-tiles entry bundle: whole entries, for privacy officers and auditors only; the read is logged.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .RequireAuthorization(IdentityScopes.Audit).AddEndpointFilter<ActorHeadersFilter>().WithMetadata(ActorHeadersFilter.Required.Instance)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/entries/{index:long}", GetEntry).WithName("GetAuditEntry").WithSummary("An entry's canonical leaf bytes (RFC 8785 JSON); a partner reads only entries of its own calls.")
            .Produces<Stream>(StatusCodes.Status200OK, "application/json")
            .RequireAuthorization(IdentityScopes.LogReader).AddEndpointFilter<ActorHeadersFilter>().WithMetadata(ActorHeadersFilter.Required.Instance)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/entries/{index:long}/receipt", GetReceipt).WithName("GetInclusionReceipt").WithSummary("The entry, a signed checkpoint and the inclusion proof in one document, checkable offline with 'avz audit verify --receipt'.")
            .RequireAuthorization(IdentityScopes.LogReader).AddEndpointFilter<ActorHeadersFilter>().WithMetadata(ActorHeadersFilter.Required.Instance)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/entries/{index:long}/justification", GetJustification).WithName("GetJustification")
            .WithSummary("The emergency justification an entry commits to, checked against its commitment; privacy officers only, and the read is logged.")
            .RequireAuthorization(IdentityScopes.Audit).AddEndpointFilter<ActorHeadersFilter>().WithMetadata(ActorHeadersFilter.Required.Instance)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    /// <summary>The verifier key.</summary>
    /// <param name="log">The log.</param>
    /// <returns>The vkey line.</returns>
    public static ContentHttpResult GetKey(AccessLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return TypedResults.Text(log.VerifierKey + "\n", "text/plain; charset=utf-8");
    }

    /// <summary>The newest checkpoint.</summary>
    /// <param name="log">The log.</param>
    /// <returns>The signed note, or 404 before the first.</returns>
    public static Results<ContentHttpResult, ProblemHttpResult> GetCheckpoint(AccessLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.LatestCheckpoint is { } checkpoint
            ? TypedResults.Text(checkpoint.Note, "text/plain; charset=utf-8")
            : Problem(StatusCodes.Status404NotFound, "AVZ-AUDIT-0002", "The access log has no checkpoint yet.");
    }

    internal static Results<Ok<InclusionProofView>, ProblemHttpResult> GetInclusionProof(AccessLog log, long index, long? treeSize)
    {
        var size = treeSize ?? log.LatestCheckpoint?.Size ?? 0;
        if (index < 0 || size <= index || size > log.Size)
        {
            return Problem(StatusCodes.Status400BadRequest, "AVZ-AUDIT-0005", "Need 0 <= index < treeSize <= the log's size.");
        }

        return TypedResults.Ok(new InclusionProofView(index, size, [.. log.InclusionProof(index, size).Select(Convert.ToBase64String)]));
    }

    internal static Results<Ok<ConsistencyProofView>, ProblemHttpResult> GetConsistencyProof(AccessLog log, long from, long to)
    {
        if (from < 1 || to < from || to > log.Size)
        {
            return Problem(StatusCodes.Status400BadRequest, "AVZ-AUDIT-0005", "Need 1 <= from <= to <= the log's size.");
        }

        return TypedResults.Ok(new ConsistencyProofView(from, to, [.. log.ConsistencyProof(from, to).Select(Convert.ToBase64String)]));
    }

    internal static Results<FileContentHttpResult, ProblemHttpResult> GetTile(AccessLog log, int level, string path, HttpContext context)
    {
        if (!TileMath.TryParsePath($"tile/{level}/{Uri.UnescapeDataString(path)}", out var tile) || tile.Level < 0 || !Covered(log, tile.Level, tile.Index, tile.Width))
        {
            return Problem(StatusCodes.Status404NotFound, "AVZ-AUDIT-0006", "No such tile in the signed tree.");
        }

        return Tile(context, log.ReadTile(tile.Level, tile.Index, tile.Width), tile.Width);
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetEntryBundle(AccessLog log, string path, HttpContext context)
    {
        if (!TileMath.TryParsePath("tile/entries/" + Uri.UnescapeDataString(path), out var tile) || !Covered(log, 0, tile.Index, tile.Width))
        {
            return Problem(StatusCodes.Status404NotFound, "AVZ-AUDIT-0006", "No such entry bundle in the signed tree.");
        }

        LogIndex(context, await log.AppendAsync(ReadEntry(context, EntryAction.AuditReadBundle) with { Bundle = tile.Index }, context.RequestAborted).ConfigureAwait(false));
        return Tile(context, log.ReadEntryBundle(tile.Index, tile.Width), tile.Width);
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetEntry(AccessLog log, long index, HttpContext context)
    {
        var (leaf, refusal) = await ReadOwnAsync(log, index, context).ConfigureAwait(false);
        return refusal ?? (Results<FileContentHttpResult, ProblemHttpResult>)TypedResults.File(leaf!, "application/json");
    }

    internal static async Task<Results<Ok<InclusionReceipt>, ProblemHttpResult>> GetReceipt(AccessLog log, long index, HttpContext context)
    {
        var (_, refusal) = await ReadOwnAsync(log, index, context).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (log.LatestCheckpoint is not { } checkpoint || checkpoint.Size <= index)
        {
            await log.CheckpointAsync().ConfigureAwait(false);
        }

        return TypedResults.Ok(InclusionReceipt.For(log, index));
    }

    internal static async Task<Results<Ok<JustificationView>, ProblemHttpResult>> GetJustification(AccessLog log, ICaseExchange cases, long index, HttpContext context)
    {
        var leaf = log.ReadLeaf(index);
        if (leaf is null)
        {
            return Problem(StatusCodes.Status404NotFound, "AVZ-AUDIT-0003", "No such entry.");
        }

        if (!LeafEncoding.TryDecode(leaf, out var entry, out _) || entry!.Justification is not { } commitment)
        {
            return Problem(StatusCodes.Status404NotFound, "AVZ-AUDIT-0007", "This entry commits to no justification.");
        }

        // NEN 7513: reading the log is itself logged, before anything is read out (fail closed).
        LogIndex(context, await log.AppendAsync(
            ReadEntry(context, EntryAction.AuditReadJustification) with { RefersTo = index, Convenant = entry.Convenant, Case = entry.Case, Subject = entry.Subject },
            context.RequestAborted).ConfigureAwait(false));
        var text = await cases.ReadJustificationAsync(commitment, context.RequestAborted).ConfigureAwait(false);
        return text is null
            ? Problem(StatusCodes.Status410Gone, "AVZ-AUDIT-0008", "The justification was erased with its case at the end of retention; the entry keeps only its commitment.")
            : TypedResults.Ok(new JustificationView(index, commitment.Value, text));
    }

    private static async Task<(byte[]? Leaf, ProblemHttpResult? Refusal)> ReadOwnAsync(AccessLog log, long index, HttpContext context)
    {
        var leaf = log.ReadLeaf(index);
        if (leaf is null)
        {
            return (null, Problem(StatusCodes.Status404NotFound, "AVZ-AUDIT-0003", "No such entry."));
        }

        var party = IdentityClaims.ValueOf(context.User, IdentityClaims.Party);
        var officer = context.User.HasScope(IdentityScopes.Audit);
        using var document = JsonDocument.Parse(leaf);
        var own = document.RootElement.TryGetProperty("party", out var owner) && string.Equals(owner.GetString(), party, StringComparison.Ordinal);

        // FSC: a peer reads only the records it is party to. The refusal is logged like any other.
        var allowed = own || officer;
        LogIndex(context, await log.AppendAsync(ReadEntry(context, EntryAction.AuditReadEntry) with { RefersTo = index, Decision = allowed ? EntryDecision.Permitted : EntryDecision.Refused, Reasons = allowed ? [] : [EntryReason.NotOwnEntry] }, context.RequestAborted).ConfigureAwait(false));
        return allowed ? (leaf, null) : (null, Problem(StatusCodes.Status403Forbidden, "AVZ-AUDIT-0004", "A partner reads only the entries of its own calls."));
    }

    /// <summary>Names the call's own access-log entry in the answer (<c>Avz-Log-Index</c>).</summary>
    internal static void LogIndex(HttpContext context, long index) =>
        context.Response.Headers[CaseCalls.LogIndexHeader] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static AccessLogEntry ReadEntry(HttpContext context, EntryAction action) =>
        CaseCalls.CallerOf(context).Entry(action, EntryDecision.Permitted);

    /// <summary>
    /// Whether the signed tree covers a tile. C2SP tlog-tiles: a log MUST serve the partial tiles of every tree size it
    /// signed a checkpoint for, also after newer checkpoints, or a verifier that fetched a checkpoint races the log. A
    /// partial tile is a prefix of hashes of complete subtrees, which never change, so every prefix within the newest
    /// signed tree is served; nothing beyond it is.
    /// </summary>
    private static bool Covered(AccessLog log, int level, long index, int width)
    {
        var size = log.LatestCheckpoint?.Size ?? 0;
        var nodes = size >> (TileMath.Height * level);
        return index >= 0 && (index * TileMath.Width) + width <= nodes;
    }

    private static FileContentHttpResult Tile(HttpContext context, byte[] bytes, int width)
    {
        // Full and partial tiles never change once served (C2SP tlog-tiles): a wider tile has another path.
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.File(bytes, "application/octet-stream");
    }

    /// <summary>An RFC 9457 problem with the gateway's stable code.</summary>
    internal static ProblemHttpResult Problem(int status, string code, string title) =>
        TypedResults.Problem(title: title, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}
