using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Avz.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenIddict.Abstractions;

namespace Avz.Exchange.Api.Tests;

/// <summary>Validated access tokens are remembered for their life only, keyed so a changed token or another certificate is a miss.</summary>
public sealed class ValidatedTokensTests : GatewayTest
{
    [Fact]
    public async Task AToken_IsRememberedAfterItsFirstValidation_AndATamperedCopyIsStillRefused()
    {
        var remembered = Factory.Services.GetRequiredService<ValidatedTokens>();
        var token = await Partners.TokenAsync(Factory, Client, "om-system", "om");

        Assert.Equal(HttpStatusCode.OK, (await Partners.SessionAsync(Client, token)).StatusCode);
        Assert.Equal(1, remembered.Count);
        Assert.Equal(HttpStatusCode.OK, (await Partners.SessionAsync(Client, token)).StatusCode);
        Assert.Equal(1, remembered.Count);

        // The last signature character changed: not the remembered token, so OpenIddict checks it and refuses it.
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        var refused = await Partners.SessionAsync(Client, tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("invalid_token", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, remembered.Count);
    }

    [Fact]
    public void ARememberedToken_IsForgottenAtItsExpiry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var tokens = new ValidatedTokens(time);
        var key = ValidatedTokens.KeyOf("header.payload.signature", []);

        tokens.Remember(key, Ticket(time.GetUtcNow().AddMinutes(5)));

        Assert.True(tokens.TryGet(key, "s", out var ticket));
        Assert.Equal("politie", ticket!.Principal.GetClaim(IdentityClaims.Party));
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(tokens.TryGet(key, "s", out _));
        Assert.Equal(0, tokens.Count);
    }

    [Fact]
    public void ATokenWithoutExpiry_OrAlreadyExpired_IsNotRemembered()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var tokens = new ValidatedTokens(time);

        tokens.Remember(ValidatedTokens.KeyOf("a", []), Ticket(null));
        tokens.Remember(ValidatedTokens.KeyOf("b", []), Ticket(time.GetUtcNow()));

        Assert.Equal(0, tokens.Count);
    }

    [Fact]
    public void TheKey_DependsOnTheTokenAndTheCertificate()
    {
        byte[] alice = [.. Enumerable.Repeat((byte)1, 32)];
        byte[] mallory = [.. Enumerable.Repeat((byte)2, 32)];

        Assert.Equal(ValidatedTokens.KeyOf("t", alice), ValidatedTokens.KeyOf("t", alice));
        Assert.NotEqual(ValidatedTokens.KeyOf("t", alice), ValidatedTokens.KeyOf("t", mallory));
        Assert.NotEqual(ValidatedTokens.KeyOf("t", alice), ValidatedTokens.KeyOf("t", []));
        Assert.NotEqual(ValidatedTokens.KeyOf("t", []), ValidatedTokens.KeyOf("u", []));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2030)]
    [InlineData(2031)]
    [InlineData(2032)]
    [InlineData(8192)]
    public void TheKey_IsSha256OfTheTokenSeparatorAndThumbprint_OnTheStackOrInAPooledBuffer(int length)
    {
        // 2,031 characters and a 32-byte thumbprint fill the 4,096 bytes taken on the stack exactly; longer goes to the pool.
        var token = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));
        byte[] thumbprint = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
        byte[] expected = SHA256.HashData([.. System.Runtime.InteropServices.MemoryMarshal.AsBytes(token.AsSpan()), 0, 0, .. thumbprint]);

        var key = ValidatedTokens.KeyOf(token, thumbprint);

        Span<byte> actual = stackalloc byte[32];
        System.Runtime.InteropServices.MemoryMarshal.Write(actual, in key);
        Assert.Equal(expected, actual.ToArray());
        Assert.Equal(key, ValidatedTokens.KeyOf(token, thumbprint));
    }

    [Fact]
    public void AFullCache_SweepsExpiredTokens_AndOtherwiseRemembersNothingNew()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var tokens = new ValidatedTokens(time);
        for (var i = 0; i < ValidatedTokens.Capacity; i++)
        {
            tokens.Remember(ValidatedTokens.KeyOf($"t{i}", []), Ticket(time.GetUtcNow().AddMinutes(i < 10 ? 1 : 5)));
        }

        var late = ValidatedTokens.KeyOf("late", []);
        tokens.Remember(late, Ticket(time.GetUtcNow().AddMinutes(5)));
        Assert.False(tokens.TryGet(late, "s", out _));
        Assert.Equal(ValidatedTokens.Capacity, tokens.Count);

        time.Advance(TimeSpan.FromMinutes(2));
        tokens.Remember(late, Ticket(time.GetUtcNow().AddMinutes(5)));

        Assert.True(tokens.TryGet(late, "s", out _));
        Assert.Equal(ValidatedTokens.Capacity - 10 + 1, tokens.Count);
    }

    private static AuthenticationTicket Ticket(DateTimeOffset? expires)
    {
        var identity = new ClaimsIdentity("test");
        identity.SetClaim(IdentityClaims.Party, "politie");
        var principal = new ClaimsPrincipal(identity);
        if (expires is { } at)
        {
            principal.SetExpirationDate(at);
        }

        return new AuthenticationTicket(principal, "test");
    }
}
