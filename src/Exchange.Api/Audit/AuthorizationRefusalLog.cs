using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Api.Partners;
using Avz.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using OpenIddict.Abstractions;

namespace Avz.Exchange.Api.Audit;

/// <summary>
/// Separation of duties leaves a trace: an authenticated caller refused an operation because its token lacks the
/// scope (a partner token on the privacy officers' operations, say) gets an <c>access.refused</c> entry naming the
/// operation, before the 403 goes out. Unauthenticated calls are not logged: they name nobody.
/// </summary>
internal sealed class AuthorizationRefusalLog(AccessLog log) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);

        // Not async for a call that is not refused (nearly all): it goes on with no state machine of this handler's
        // own to park and resume while the request waits for the access log (issue 16).
        return authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true
            ? LogRefusalAsync(next, context, policy, authorizeResult)
            : fallback.HandleAsync(next, context, policy, authorizeResult);
    }

    private async Task LogRefusalAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var index = await log.AppendAsync(Refusal(context) with { Reasons = [EntryReason.ScopeMissing] }, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers[CaseCalls.LogIndexHeader] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await fallback.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }

    /// <summary>The refused caller and what it attempted: a staff member by account and the portal page, a partner system by its token's claims and the API operation.</summary>
    private static AccessLogEntry Refusal(HttpContext context)
    {
        if (Avz.Exchange.Portal.StaffCaller.IsStaff(context.User))
        {
            return Avz.Exchange.Portal.StaffCaller.Of(context).Entry(EntryAction.AccessRefused, EntryDecision.Refused) with
            {
                Operation = "portal:" + (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()?.ViewEnginePath ?? context.Request.Path.Value),
            };
        }

        var headers = context.Request.Headers;
        return new AccessLogEntry
        {
            Party = IdentityClaims.ValueOf(context.User, IdentityClaims.Party) ?? "unknown",
            Client = IdentityClaims.ValueOf(context.User, OpenIddictConstants.Claims.Subject),

            // The headers were not checked by the actor filter (it did not run): kept only when well-formed.
            Actor = Valid(headers[ActorHeadersFilter.ActorId].ToString(), ActorHeadersFilter.IdPattern()),
            ActorRole = Valid(headers[ActorHeadersFilter.ActorRole].ToString(), ActorHeadersFilter.RolePattern()),
            Action = EntryAction.AccessRefused,
            Decision = EntryDecision.Refused,
            Operation = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
            TransactionId = context.Items[TransactionIdMiddleware.Header] as string,
            TraceId = System.Diagnostics.Activity.Current?.TraceId.ToString(),
        };
    }

    private static string? Valid(string value, System.Text.RegularExpressions.Regex pattern) => value.Length > 0 && pattern.IsMatch(value) ? value : null;
}
