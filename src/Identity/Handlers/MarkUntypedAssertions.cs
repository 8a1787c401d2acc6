using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Avz.Identity.Handlers;

/// <summary>
/// The second half of <see cref="AcceptUntypedAssertions"/>: OpenIddict reads a JWT without <c>typ</c> as an identity
/// token and would then refuse it as a client assertion. When a client assertion is being validated and the JWT has no
/// <c>typ</c>, its principal is marked as the client assertion it is.
/// </summary>
internal sealed class MarkUntypedAssertions : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<MarkUntypedAssertions>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is { } principal
            && context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion)
            && string.Equals(principal.GetTokenType(), TokenTypeIdentifiers.IdentityToken, StringComparison.Ordinal)
            && !string.IsNullOrEmpty(context.Token)
            && !new JsonWebToken(context.Token).TryGetHeaderValue<string>(JwtHeaderParameterNames.Typ, out _))
        {
            principal.SetTokenType(TokenTypeIdentifiers.Private.ClientAssertion);
        }

        return ValueTask.CompletedTask;
    }
}
