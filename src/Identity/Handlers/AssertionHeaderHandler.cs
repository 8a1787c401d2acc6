using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Avz.Identity.Handlers;

/// <summary>
/// Checks a client assertion's JOSE header before OpenIddict validates it. RFC 10070: <c>typ</c> is
/// <c>client-authentication+jwt</c>; we also accept no <c>typ</c>, because widely used certified clients (openid-client,
/// Spring Security) do not send it yet, and refuse every other explicit type (<c>JWT</c>, <c>at+jwt</c>, <c>dpop+jwt</c>),
/// so a token minted for something else is never taken as client authentication. Unsigned assertions are refused here
/// too, with a clear reason.
/// </summary>
internal sealed class AssertionHeaderHandler(IOptions<PartnerIdentityOptions> options) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public const string ExplicitType = "client-authentication+jwt";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .UseScopedHandler<AssertionHeaderHandler>()
        .SetOrder(OpenIddictServerHandlers.ValidateClientAssertion.Descriptor.Order - 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(context.ClientAssertion))
        {
            return ValueTask.CompletedTask;
        }

        var issuer = (options.Value.Issuer ?? context.Options.Issuer ?? context.BaseUri)?.AbsoluteUri;
        var problem = Check(context.ClientAssertion, options.Value.RequireExplicitAssertionType) ?? CheckAudience(context.ClientAssertion, issuer);
        if (problem is not null)
        {
            context.Reject(Errors.InvalidClient, problem);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// RFC 10070: the audience is the issuer identifier and nothing else. Checked before the signature so that an
    /// assertion aimed at the token endpoint URL is refused as client authentication, with that reason. Only refuses;
    /// acceptance still needs OpenIddict's full validation.
    /// </summary>
    internal static string? CheckAudience(string assertion, string? issuer)
    {
        var parts = assertion.Split('.');
        JsonElement payload;
        try
        {
            payload = JsonDocument.Parse(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts.Length > 1 ? parts[1] : ""))).RootElement;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return "The client assertion's payload is not valid JSON.";
        }

        string? audience = null;
        if (payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("aud", out var aud))
        {
            audience = aud.ValueKind switch
            {
                JsonValueKind.String => aud.GetString(),
                JsonValueKind.Array when aud.GetArrayLength() == 1 && aud[0].ValueKind == JsonValueKind.String => aud[0].GetString(),
                _ => null,
            };
        }

        return audience is not null && issuer is not null && string.Equals(audience.TrimEnd('/'), issuer.TrimEnd('/'), StringComparison.Ordinal)
            ? null
            : "The client assertion's audience must be the issuer identifier, and only that.";
    }

    internal static string? Check(string assertion, bool requireExplicitType)
    {
        var dot = assertion.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return "The client assertion is not a JWT.";
        }

        JsonElement header;
        try
        {
            header = JsonDocument.Parse(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(assertion[..dot]))).RootElement;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return "The client assertion's header is not valid JSON.";
        }

        if (header.ValueKind != JsonValueKind.Object || !header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
            || string.Equals(alg.GetString(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return "The client assertion must be signed (alg 'none' is refused).";
        }

        if (!header.TryGetProperty("typ", out var typ))
        {
            return requireExplicitType ? $"The client assertion must carry typ '{ExplicitType}'." : null;
        }

        var type = typ.ValueKind == JsonValueKind.String ? typ.GetString() : null;
        return string.Equals(type, ExplicitType, StringComparison.OrdinalIgnoreCase) || string.Equals(type, "application/" + ExplicitType, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The client assertion has typ '{type}'; only '{ExplicitType}' (or no typ) authenticates a client.";
    }
}
