using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Avz.Identity.Handlers;

/// <summary>A client asking for a scope it does not hold gets <c>invalid_scope</c> (RFC 6749 §5.2), not OpenIddict's generic <c>invalid_request</c>.</summary>
internal sealed class ScopePermissionHandler(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
        .UseScopedHandler<ScopePermissionHandler>()
        .SetOrder(OpenIddictServerHandlers.Exchange.ValidateScopePermissions.Descriptor.Order - 10)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ClientId is not { } id || await applications.FindByClientIdAsync(id, context.CancellationToken).ConfigureAwait(false) is not { } application)
        {
            return;
        }

        foreach (var scope in context.Request.GetScopes())
        {
            if (!await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope, context.CancellationToken).ConfigureAwait(false))
            {
                context.Reject(Errors.InvalidScope, $"This client does not hold the scope '{scope}'.");
                return;
            }
        }
    }
}
