using System.Security.Claims;
using Avz.Identity.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Avz.Identity.Handlers;

/// <summary>
/// After OpenIddict has checked an assertion's signature, issuer and expiry: its audience is the issuer identifier and
/// nothing else (RFC 10070, which closes the audience-injection attack on the token endpoint URL), it lives at most
/// <see cref="PartnerIdentityOptions.MaxAssertionLifetime"/>, it was not issued in the future (nor is it valid only
/// from a future moment), and its <c>jti</c> is used once.
/// </summary>
internal sealed class AssertionClaimsHandler(IdentityDbContext database, IOptions<PartnerIdentityOptions> options, TimeProvider time)
    : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
        .UseScopedHandler<AssertionClaimsHandler>()
        .SetOrder(OpenIddictServerHandlers.ValidateClientAssertionIssuer.Descriptor.Order + 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <summary>How far a client's clock may run ahead of the gateway's.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(60);

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ClientAssertionPrincipal is not { } assertion)
        {
            return;
        }

        var issuer = (options.Value.Issuer ?? context.Options.Issuer ?? context.BaseUri)?.AbsoluteUri.TrimEnd('/');
        var audiences = assertion.FindAll(Claims.Audience).Select(c => c.Value.TrimEnd('/')).ToArray();
        if (audiences.Length != 1 || !string.Equals(audiences[0], issuer, StringComparison.Ordinal))
        {
            context.Reject(Errors.InvalidClient, "The client assertion's audience must be the issuer identifier, and only that.");
            return;
        }

        var jti = assertion.FindFirst(Claims.JwtId)?.Value;
        var issuedAt = Seconds(assertion, Claims.IssuedAt);
        var expires = Seconds(assertion, Claims.ExpiresAt);
        if (string.IsNullOrEmpty(jti) || issuedAt is null || expires is null)
        {
            context.Reject(Errors.InvalidClient, "The client assertion needs jti, iat and exp.");
            return;
        }

        if (expires - issuedAt > options.Value.MaxAssertionLifetime)
        {
            context.Reject(Errors.InvalidClient, $"The client assertion may live at most {options.Value.MaxAssertionLifetime.TotalMinutes:0} minutes.");
            return;
        }

        // RFC 7523 §3: iat and nbf bound when the assertion may be used. An assertion issued a year ahead with a short
        // exp - iat would otherwise be a credential usable (once) for a year; a future nbf is the same trick.
        var now = time.GetUtcNow();
        if (issuedAt > now + ClockSkew || Seconds(assertion, Claims.NotBefore) is { } notBefore && notBefore > now + ClockSkew)
        {
            context.Reject(Errors.InvalidClient, "The client assertion was issued in the future, or is not valid yet; check the client's clock.");
            return;
        }

        var client = assertion.FindFirst(Claims.Subject)?.Value ?? context.Request.ClientId ?? "";
        if (await database.UsedAssertions.AnyAsync(a => a.ClientId == client && a.TokenId == jti, context.CancellationToken).ConfigureAwait(false))
        {
            // The common replay is answered without provoking a key violation, which the database would log as an error.
            context.Reject(Errors.InvalidClient, "The client assertion was already used (jti replay).");
            return;
        }

        database.UsedAssertions.Add(new UsedAssertion { ClientId = client, TokenId = jti, ExpiresAt = expires.Value.ToUnixTimeSeconds() });
        try
        {
            await database.SaveChangesAsync(context.CancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            context.Reject(Errors.InvalidClient, "The client assertion was already used (jti replay).");
            return;
        }

        // Forget assertions that can no longer be replayed anyway.
        var forgotten = now.AddMinutes(-5).ToUnixTimeSeconds();
        await database.UsedAssertions.Where(a => a.ExpiresAt < forgotten).ExecuteDeleteAsync(context.CancellationToken).ConfigureAwait(false);
    }

    private static DateTimeOffset? Seconds(ClaimsPrincipal principal, string claim) =>
        long.TryParse(principal.FindFirst(claim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
