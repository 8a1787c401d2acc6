using System.Security.Claims;
using Avz.Identity;
using OpenIddict.Abstractions;

namespace Avz.Exchange.Api.Tests;

/// <summary>The gateway's own claim lookup answers as OpenIddict's <c>GetClaim</c> did, refusal of a repeated claim included.</summary>
public sealed class IdentityClaimsTests
{
    public static TheoryData<string, string[][]> Principals => new()
    {
        { "none", [[]] },
        { "one", [["sub=om-system", "avz_party=om"]] },
        { "type in another case", [["SUB=om-system"]] },
        { "in the second identity", [["avz_party=om"], ["sub=om-system"]] },
        { "twice, same value", [["sub=om-system", "sub=om-system"]] },
        { "twice, other values", [["sub=om-system", "sub=politie-system"]] },
        { "once in each identity", [["sub=om-system"], ["sub=om-system"]] },
        { "empty value", [["sub="]] },
    };

    [Theory]
    [MemberData(nameof(Principals))]
    public void ValueOf_AnswersAsOpenIddictsGetClaim(string name, string[][] identities)
    {
        var principal = new ClaimsPrincipal(identities.Select(claims => new ClaimsIdentity(
            claims.Select(c => new Claim(c[..c.IndexOf('=', StringComparison.Ordinal)], c[(c.IndexOf('=', StringComparison.Ordinal) + 1)..])), "test")));

        foreach (var type in new[] { OpenIddictConstants.Claims.Subject, IdentityClaims.Party, "absent" })
        {
            var expected = Answer(() => principal.GetClaim(type));
            var actual = Answer(() => IdentityClaims.ValueOf(principal, type));
            Assert.True(expected == actual, $"{name}, {type}: OpenIddict gives {expected}, the gateway {actual}");
        }
    }

    /// <summary>The value, "null", or the exception's type: what a caller of either lookup sees.</summary>
    private static string Answer(Func<string?> lookup)
    {
        try
        {
            return lookup() is { } value ? "'" + value + "'" : "null";
        }
        catch (InvalidOperationException e)
        {
            return e.GetType().Name;
        }
    }
}
