using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Avz.Identity.Handlers;

/// <summary>Issues the access token of the client credentials grant: subject = client, the client's convenant party, the granted scopes.</summary>
internal sealed class ClientCredentialsHandler(IOpenIddictApplicationManager applications, Microsoft.Extensions.Options.IOptions<PartnerIdentityOptions> options, Microsoft.AspNetCore.Http.IHttpContextAccessor http, Microsoft.Extensions.Logging.ILogger<ClientCredentialsHandler> logger) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    /// <summary>The audience of every access token; the API accepts no other.</summary>
    public const string Audience = "avz-exchange";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
        .UseScopedHandler<ClientCredentialsHandler>()
        .SetOrder(int.MinValue + 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.IsClientCredentialsGrantType())
        {
            return;
        }

        var application = await applications.FindByClientIdAsync(context.Request.ClientId!, context.CancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("An authenticated client has no application.");
        var properties = await applications.GetPropertiesAsync(application, context.CancellationToken).ConfigureAwait(false);
        if (!properties.TryGetValue(IdentityClaims.PartyProperty, out var party) || party.ValueKind != System.Text.Json.JsonValueKind.String)
        {
            context.Reject(Errors.UnauthorizedClient, "This client is bound to no convenant party.");
            return;
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, context.Request.ClientId);
        identity.SetClaim(IdentityClaims.Party, party.GetString());
        identity.SetScopes(context.Request.GetScopes());
        identity.SetResources(Audience);
        // RFC 8705 §3: OpenIddict binds the token to the certificate the client presented on this TLS connection
        // (UseClientCertificateBoundAccessTokens); the API then accepts it only over a connection with the same
        // certificate (CertificateBindingMiddleware), so a stolen token is useless. Required: no certificate, no token.
        var binding = options.Value.CertificateBoundTokens;
        var certificate = binding == CertificateBinding.Off ? null : http.HttpContext?.Connection.ClientCertificate;
        if (certificate is null && binding == CertificateBinding.Required)
        {
            context.Reject(Errors.InvalidRequest, "This gateway issues certificate-bound tokens only (RFC 8705): present a TLS client certificate.");
            return;
        }

        identity.SetDestinations(_ => [Destinations.AccessToken]);
        context.SignIn(new ClaimsPrincipal(identity));
        var partyId = party.GetString()!;
        var scopes = string.Join(' ', context.Request.GetScopes());
        IdentityLog.TokenIssued(logger, context.Request.ClientId!, partyId, scopes);
    }
}
