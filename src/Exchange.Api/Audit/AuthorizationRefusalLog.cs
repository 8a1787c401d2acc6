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

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && Avz.Exchange.Portal.StaffCaller.IsStaff(context.User))
        {
            // A staff member on a page of the other role: named by account id and role, the page as the operation.
            var staff = Avz.Exchange.Portal.StaffCaller.Of(context);
            var staffIndex = await log.AppendAsync(
                staff.Entry(EntryAction.AccessRefused, EntryDecision.Refused) with
                {
                    Reasons = [EntryReason.ScopeMissing],
                    Operation = "portal:" + (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()?.ViewEnginePath ?? context.Request.Path.Value),
                },
                context.RequestAborted).ConfigureAwait(false);
            context.Response.Headers[CaseCalls.LogIndexHeader] = staffIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var headers = context.Request.Headers;
            var index = await log.AppendAsync(
                new AccessLogEntry
                {
                    Party = context.User.GetClaim(IdentityClaims.Party) ?? "unknown",
                    Client = context.User.GetClaim(OpenIddictConstants.Claims.Subject),

                    // The headers were not checked by the actor filter (it did not run): kept only when well-formed.
                    Actor = Valid(headers[ActorHeadersFilter.ActorId].ToString(), ActorHeadersFilter.IdPattern()),
                    ActorRole = Valid(headers[ActorHeadersFilter.ActorRole].ToString(), ActorHeadersFilter.RolePattern()),
                    Action = EntryAction.AccessRefused,
                    Decision = EntryDecision.Refused,
                    Reasons = [EntryReason.ScopeMissing],
                    Operation = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
                    TransactionId = context.Items[TransactionIdMiddleware.Header] as string,
                    TraceId = System.Diagnostics.Activity.Current?.TraceId.ToString(),
                },
                context.RequestAborted).ConfigureAwait(false);
            context.Response.Headers[CaseCalls.LogIndexHeader] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await fallback.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }

    private static string? Valid(string value, System.Text.RegularExpressions.Regex pattern) => value.Length > 0 && pattern.IsMatch(value) ? value : null;
}
