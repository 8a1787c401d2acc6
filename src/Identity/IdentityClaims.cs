using System.Security.Claims;

namespace Avz.Identity;

/// <summary>Claims the gateway puts in access tokens, and the application property that binds a client to its party.</summary>
public static class IdentityClaims
{
    /// <summary>The convenant party the client acts for.</summary>
    public const string Party = "avz_party";

    /// <summary>The application property holding the party.</summary>
    public const string PartyProperty = "avz_party";

    /// <summary>The application property marking a disabled client.</summary>
    public const string DisabledProperty = "avz_disabled";

    /// <summary>
    /// The value of the principal's one claim of a type, or null when it has none: OpenIddict's <c>GetClaim</c>, same
    /// answers, without the iterators, closures and arrays it makes on every call. The rate limiter and every case call
    /// read the caller's subject and party, so this ran several times per request (issue 16's allocation trace).
    /// </summary>
    /// <param name="principal">The principal; all its identities are searched.</param>
    /// <param name="type">The claim type, compared ignoring case as <see cref="ClaimsIdentity.FindAll(string)"/> does.</param>
    /// <returns>The value, or null.</returns>
    /// <exception cref="InvalidOperationException">The principal holds the type more than once (even with the same value).</exception>
    public static string? ValueOf(ClaimsPrincipal principal, string type)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentException.ThrowIfNullOrEmpty(type);
        string? value = null;
        foreach (var identity in principal.Identities)
        {
            foreach (var claim in identity.Claims)
            {
                if (!string.Equals(claim.Type, type, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (value is not null)
                {
                    throw new InvalidOperationException("A claim of this type appears more than once in the principal.");
                }

                value = claim.Value;
            }
        }

        return value;
    }
}
