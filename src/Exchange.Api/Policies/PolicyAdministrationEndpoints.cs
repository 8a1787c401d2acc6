using System.Text;
using System.Text.RegularExpressions;
using Avz.Exchange.Api.Audit;
using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Partners;
using Avz.Exchange.Policies;
using Avz.Identity;
using Avz.Policy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Avz.Exchange.Api.Policies;

/// <summary>
/// The administrators' side of the convenant policies (scope <c>policy-admin</c>): upload a version (validated, with
/// its diff against the active version and its impact on today's data), approve it as a second administrator, and
/// activate it on every node. Uploads, approvals and activations, and refused attempts at them, are access-log entries
/// carrying the version hash.
/// </summary>
public static partial class PolicyAdministrationEndpoints
{
    /// <summary>The media type of a policy (RFC 9512).</summary>
    public const string Yaml = "application/yaml";

    private static readonly string[] YamlTypes = [Yaml, "application/x-yaml", "text/yaml", "text/x-yaml"];

    /// <summary>Maps the policy version endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapPolicyAdministrationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/policies/{convenant}/versions").WithTags("Administration");
        group.ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status500InternalServerError);
        group.MapGet("", List).WithName("ListPolicyVersions")
            .WithSummary("The stored versions of a convenant's policy, newest first, each with its hash and state (active, approved, awaiting-approval).")
            .ForAdministrators().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", Upload).WithName("UploadPolicyVersion")
            .WithSummary("Stores a policy version (the YAML as body) awaiting a second administrator's approval, and answers with its hash, its diff against the active version as an access matrix, and its impact on the stored items of open cases. The same content again is the same version (200). A policy with errors is refused with every finding (422) and nothing is stored.")
            .Accepts<string>(Yaml, YamlTypes[1..])
            .Produces<PolicyReview>(StatusCodes.Status201Created).Produces<PolicyReview>(StatusCodes.Status200OK)
            .ForAdministrators()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .Produces<PolicyFindingsProblem>(StatusCodes.Status422UnprocessableEntity, "application/problem+json");
        group.MapGet("/{hash}", Review).WithName("GetPolicyVersion")
            .WithSummary("A stored version with its diff against the active version and its impact on today's data: what an approver reads.")
            .ForAdministrators().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{hash}/source", Source).WithName("GetPolicyVersionSource")
            .WithSummary("The policy text of a stored version, as first stored.")
            .Produces<string>(StatusCodes.Status200OK, Yaml)
            .ForAdministrators().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{hash}/approve", Approve).WithName("ApprovePolicyVersion")
            .WithSummary("Approves a version: four eyes, so another administrator client and professional than the uploader's (403 otherwise, logged).")
            .ForAdministrators().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{hash}/activate", Activate).WithName("ActivatePolicyVersion")
            .WithSummary("Makes an approved version the active one: this node decides with it at once, every other node within seconds. Activating an older version is the rollback. 409 before approval.")
            .ForAdministrators().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>Scope <c>policy-admin</c>, the actor headers, and the problems every administration operation can answer.</summary>
    /// <param name="builder">The endpoint.</param>
    /// <returns>The endpoint.</returns>
    internal static RouteHandlerBuilder ForAdministrators(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(IdentityScopes.PolicyAdmin).AddEndpointFilter<ActorHeadersFilter>().WithMetadata(ActorHeadersFilter.Required.Instance)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    internal static async Task<Results<Ok<IReadOnlyList<PolicyVersionView>>, ProblemHttpResult>> List(IPolicyAdministration store, HttpContext context, string convenant) =>
        CaseCalls.Answer(context, await store.ListAsync(convenant, context.RequestAborted).ConfigureAwait(false), v => TypedResults.Ok(v));

    internal static async Task<Results<Created<PolicyReview>, Ok<PolicyReview>, ProblemHttpResult>> Upload(IPolicyAdministration store, HttpContext context, string convenant)
    {
        // Routing answers another media type with 415 (the Accepts metadata) before this runs.
        string yaml;
        try
        {
            using var reader = new StreamReader(context.Request.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
            yaml = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            return AuditEndpoints.Problem(StatusCodes.Status400BadRequest, "AVZ-ADMIN-0007", "The policy is not valid UTF-8 text.");
        }

        var loaded = PolicyLoader.Load(yaml, convenant + ".yaml");
        if (loaded.Policy is not { } policy)
        {
            return TypedResults.Problem(
                title: $"The policy has {loaded.Diagnostics.Count} finding(s); nothing was stored.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["code"] = "AVZ-ADMIN-0006",
                    ["findings"] = loaded.Diagnostics.Select(d => new PolicyFinding(d.Code, d.Location.Line, d.Location.Column, d.Message)).ToArray(),
                });
        }

        var result = await store.UploadAsync(CaseCalls.CallerOf(context), convenant, policy, yaml, context.RequestAborted).ConfigureAwait(false);
        if (result.LogIndex is { } index)
        {
            AuditEndpoints.LogIndex(context, index);
        }

        return result switch
        {
            { Error: { } error } => CaseCalls.Problem(error),
            { Value.Created: true } => TypedResults.Created(Location(convenant, result.Value.Review.Version.Hash), result.Value.Review),
            _ => TypedResults.Ok(result.Value!.Review),
        };
    }

    internal static async Task<Results<Ok<PolicyReview>, ProblemHttpResult>> Review(IPolicyAdministration store, HttpContext context, string convenant, string hash) =>
        CaseCalls.Answer(context, await store.ReviewAsync(convenant, Hash(hash), context.RequestAborted).ConfigureAwait(false), r => TypedResults.Ok(r));

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> Source(IPolicyAdministration store, HttpContext context, string convenant, string hash) =>
        CaseCalls.Answer(context, await store.TextAsync(convenant, Hash(hash), context.RequestAborted).ConfigureAwait(false), text => TypedResults.Text(text, Yaml + "; charset=utf-8"));

    internal static async Task<Results<Ok<PolicyVersionView>, ProblemHttpResult>> Approve(IPolicyAdministration store, HttpContext context, string convenant, string hash) =>
        CaseCalls.Answer(context, await store.ApproveAsync(CaseCalls.CallerOf(context), convenant, Hash(hash), context.RequestAborted).ConfigureAwait(false), v => TypedResults.Ok(v));

    internal static async Task<Results<Ok<PolicyVersionView>, ProblemHttpResult>> Activate(IPolicyAdministration store, HttpContext context, string convenant, string hash) =>
        CaseCalls.Answer(context, await store.ActivateAsync(CaseCalls.CallerOf(context), convenant, Hash(hash), context.RequestAborted).ConfigureAwait(false), v => TypedResults.Ok(v));

    /// <summary>Where a stored version is.</summary>
    /// <param name="convenant">The convenant.</param>
    /// <param name="hash">The version hash.</param>
    /// <returns>The path.</returns>
    public static string Location(string convenant, string hash) => $"/v1/policies/{Uri.EscapeDataString(convenant)}/versions/{hash}";

    /// <summary>A version hash as the path may give it: <c>sha256:</c> and 64 hex digits, or the digits alone (anything else finds no version).</summary>
    private static string Hash(string value) => HexPattern().IsMatch(value) ? "sha256:" + value : value;

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex HexPattern();

    /// <summary>The problem answering a policy with findings (422, code <c>AVZ-ADMIN-0006</c>): every finding, in file order.</summary>
    public sealed class PolicyFindingsProblem : Microsoft.AspNetCore.Mvc.ProblemDetails
    {
        /// <summary>The findings.</summary>
        public required IReadOnlyList<PolicyFinding> Findings { get; init; }
    }

    /// <summary>One finding in a refused policy: its stable code, where, and what to fix.</summary>
    /// <param name="Code">The code (<c>AVZ-POLICY-…</c>).</param>
    /// <param name="Line">The 1-based line.</param>
    /// <param name="Column">The 1-based column.</param>
    /// <param name="Message">What is wrong.</param>
    public sealed record PolicyFinding(string Code, int Line, int Column, string Message);
}
