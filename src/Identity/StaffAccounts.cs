using System.Security.Cryptography;
using Avz.Identity.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Avz.Identity;

/// <summary>
/// The house's staff who log in to the portal: privacy officers and administrators, each with a password and a
/// mandatory authenticator (TOTP, RFC 6238) second factor, stored beside the partner clients in the identity database.
/// </summary>
/// <param name="users">ASP.NET Core Identity's user manager.</param>
public sealed class StaffAccounts(UserManager<StaffUser> users)
{
    /// <summary>The issuer an authenticator app shows.</summary>
    public const string Issuer = "AVZ Exchange";

    /// <summary>The roles, as words.</summary>
    public static IReadOnlyList<string> Roles { get; } = [StaffRoles.PrivacyOfficer, StaffRoles.Administrator];

    /// <summary>Registers ASP.NET Core Identity's user store over the identity database, with the gateway's account rules.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The identity builder, for the host to add sign-in.</returns>
    public static IdentityBuilder Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoped<StaffAccounts>();
        services.TryAddSingleton(TimeProvider.System);
        return services.AddIdentityCore<StaffUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // NIST SP 800-63B §5.1.1.2: length, not composition rules (which also made a generated password fail now and then).
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<IdentityDbContext>()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
    }

    /// <summary>Creates an account with a generated password and an authenticator key, second factor on.</summary>
    /// <param name="email">The staff member's e-mail address, the login name.</param>
    /// <param name="role">One of <see cref="Roles"/>.</param>
    /// <param name="password">The password; null generates one.</param>
    /// <param name="id">The account id, when the caller logged it before the change; null makes one.</param>
    /// <returns>What the staff member needs to log in the first time.</returns>
    /// <exception cref="ArgumentException">The role or address is not valid, or the address has an account already.</exception>
    public async Task<StaffEnrolment> AddAsync(string email, string role, string? password = null, string? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        if (!Roles.Contains(role, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The role is {string.Join(" or ", Roles)}.", nameof(role));
        }

        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true, TwoFactorEnabled = true };
        if (id is not null)
        {
            user.Id = id;
        }

        password ??= NewPassword();
        Check(await users.CreateAsync(user, password).ConfigureAwait(false));
        Check(await users.AddClaimAsync(user, new System.Security.Claims.Claim(StaffRoles.ClaimType, role)).ConfigureAwait(false));
        Check(await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false));
        var key = (await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false))!;
        var recovery = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10).ConfigureAwait(false) ?? [];
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer + ":" + email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
        return new StaffEnrolment(user.Id, email, role, password, key, uri, [.. recovery]);
    }

    /// <summary>Every account.</summary>
    /// <returns>The accounts, by e-mail address.</returns>
    public async Task<IReadOnlyList<StaffAccount>> ListAsync()
    {
        var result = new List<StaffAccount>();
        foreach (var user in await users.Users.OrderBy(u => u.Email).ToListAsync().ConfigureAwait(false))
        {
            result.Add(await ViewAsync(user).ConfigureAwait(false));
        }

        return result;
    }

    /// <summary>One account.</summary>
    /// <param name="email">The e-mail address.</param>
    /// <returns>The account, or null.</returns>
    public async Task<StaffAccount?> FindAsync(string email) =>
        await users.FindByEmailAsync(email).ConfigureAwait(false) is { } user ? await ViewAsync(user).ConfigureAwait(false) : null;

    /// <summary>Disables an account: it cannot log in, and a session it has ends at its next request.</summary>
    /// <param name="email">The e-mail address.</param>
    /// <returns>Whether the account exists.</returns>
    public async Task<bool> DisableAsync(string email)
    {
        if (await users.FindByEmailAsync(email).ConfigureAwait(false) is not { } user)
        {
            return false;
        }

        Check(await users.SetLockoutEnabledAsync(user, true).ConfigureAwait(false));
        Check(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue).ConfigureAwait(false));
        Check(await users.UpdateSecurityStampAsync(user).ConfigureAwait(false));
        return true;
    }

    private async Task<StaffAccount> ViewAsync(StaffUser user)
    {
        var claims = await users.GetClaimsAsync(user).ConfigureAwait(false);
        return new StaffAccount(user.Id, user.Email ?? "", claims.FirstOrDefault(c => c.Type == StaffRoles.ClaimType)?.Value ?? "", user.LockoutEnd == DateTimeOffset.MaxValue);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ArgumentException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>20 characters from a 56-letter alphabet without look-alikes: about 116 bits.</summary>
    private static string NewPassword() => RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
}

/// <summary>The staff roles and the claim that carries one.</summary>
public static class StaffRoles
{
    /// <summary>Reads the access log, reports to data subjects, reviews emergency access.</summary>
    public const string PrivacyOfficer = "privacy-officer";

    /// <summary>Maintains convenant policies and partner clients.</summary>
    public const string Administrator = "administrator";

    /// <summary>The claim type of the role in the portal's cookie.</summary>
    public const string ClaimType = "avz_staff_role";
}

/// <summary>A staff account as listed.</summary>
/// <param name="Id">The account id (what the access log records).</param>
/// <param name="Email">The e-mail address, the login name.</param>
/// <param name="Role">The role.</param>
/// <param name="Disabled">Whether it was disabled.</param>
public sealed record StaffAccount(string Id, string Email, string Role, bool Disabled);

/// <summary>What a new staff member needs to log in the first time: shown once, never stored in plain text.</summary>
/// <param name="Id">The account id.</param>
/// <param name="Email">The login name.</param>
/// <param name="Role">The role.</param>
/// <param name="Password">The generated password.</param>
/// <param name="AuthenticatorKey">The TOTP secret (base32), for an authenticator app.</param>
/// <param name="AuthenticatorUri">The <c>otpauth://</c> URI a QR code carries.</param>
/// <param name="RecoveryCodes">Ten single-use codes for when the authenticator is lost.</param>
public sealed record StaffEnrolment(string Id, string Email, string Role, string Password, string AuthenticatorKey, string AuthenticatorUri, IReadOnlyList<string> RecoveryCodes);
