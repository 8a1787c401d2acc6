using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Avz.Identity.Handlers;

/// <summary>Refuses shared client secrets outside Development, and clients an administrator disabled.</summary>
internal sealed class ClientPolicyHandler(IHostEnvironment environment, IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .UseScopedHandler<ClientPolicyHandler>()
        .SetOrder(OpenIddictServerHandlers.ValidateClientId.Descriptor.Order + 10)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.EndpointType != OpenIddictServerEndpointType.Token)
        {
            return;
        }

        if (!string.IsNullOrEmpty(context.Request.ClientSecret) && !environment.IsDevelopment())
        {
            context.Reject(Errors.InvalidClient, "Client secrets are refused outside Development; authenticate with private_key_jwt.");
            return;
        }

        if (context.Request.ClientId is { } id && await applications.FindByClientIdAsync(id, context.CancellationToken).ConfigureAwait(false) is { } application)
        {
            var properties = await applications.GetPropertiesAsync(application, context.CancellationToken).ConfigureAwait(false);
            if (properties.TryGetValue(IdentityClaims.DisabledProperty, out var disabled) && disabled.ValueKind == System.Text.Json.JsonValueKind.True)
            {
                context.Reject(Errors.InvalidClient, "This client is disabled.");
            }
        }
    }
}
