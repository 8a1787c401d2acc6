using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Avz.Identity.Storage;
using Microsoft.AspNetCore.Identity;

namespace Avz.Identity;

/// <summary>
/// The staff's second factor: TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), one step of clock drift either
/// way, and each code accepted once (RFC 6238 §5.2): the last accepted step is kept per account, and a code of that
/// step or an earlier one is refused, so a code seen over someone's shoulder opens no second session. ASP.NET Core
/// Identity's own authenticator provider accepts a code again within its window.
/// </summary>
/// <param name="time">The clock.</param>
internal sealed class SingleUseAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<StaffUser>
{
    private const string LoginProvider = "[AvzAuthenticator]";
    private const string LastStep = "LastAcceptedStep";

    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) => Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user).ConfigureAwait(false));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (token is not { Length: 6 } || !token.All(char.IsAsciiDigit) || await manager.GetAuthenticatorKeyAsync(user).ConfigureAwait(false) is not { Length: > 0 } key)
        {
            return false;
        }

        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStep).ConfigureAwait(false), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : long.MinValue;
        var now = time.GetUtcNow().ToUnixTimeSeconds() / 30;
        var secret = Base32(key);
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step > last && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token)))
            {
                await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStep, step.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                return true;
            }
        }

        return false;
    }

    /// <summary>HOTP (RFC 4226) of one time step.</summary>
    private static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238's default algorithm, and what every authenticator app computes.
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        return ((BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32, as the enrolment shows the key.</summary>
    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                continue;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
