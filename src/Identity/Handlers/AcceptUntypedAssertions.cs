using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Avz.Identity.Handlers;

/// <summary>
/// OpenIddict 7 accepts only <c>client-authentication+jwt</c> as a client assertion's type; an assertion without
/// <c>typ</c> reaches it as a generic JWT and is refused (ID2089). Widely used certified clients send no <c>typ</c> yet,
/// so for client-assertion validation alone the generic type is admitted too. <see cref="AssertionHeaderHandler"/> has
/// already refused every explicit type other than <c>client-authentication+jwt</c> (including an explicit <c>JWT</c>),
/// so what this admits is exactly "no typ".
/// </summary>
internal sealed class AcceptUntypedAssertions : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<AcceptUntypedAssertions>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order - 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TokenValidationParameters?.ValidTypes is { } types
            && types.Contains(AssertionHeaderHandler.ExplicitType, StringComparer.OrdinalIgnoreCase)
            && !types.Contains(JwtConstants.HeaderType, StringComparer.OrdinalIgnoreCase))
        {
            context.TokenValidationParameters.ValidTypes = [.. types, JwtConstants.HeaderType];
        }

        return ValueTask.CompletedTask;
    }
}
