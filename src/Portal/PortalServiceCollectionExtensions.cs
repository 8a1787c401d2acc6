using Avz.Identity;
using Avz.Identity.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Avz.Exchange.Portal;

/// <summary>Adds and maps the staff portal: cookie login with password and authenticator, server-rendered pages.</summary>
public static class PortalServiceCollectionExtensions
{
    /// <summary>
    /// Adds the portal's pages, the staff sign-in (ASP.NET Core Identity's cookies beside the API's bearer tokens, never
    /// instead of them), its authorization policies, and the Development demo accounts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding the <c>Portal</c> section.</param>
    /// <param name="development">Whether the host runs in Development (cookies may then travel over plain HTTP).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddStaffPortal(this IServiceCollection services, IConfiguration configuration, bool development)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(PortalOptions.SectionName);
        services.AddOptions<PortalOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var settings = section.Get<PortalOptions>() ?? new PortalOptions();
        if (!settings.Enabled)
        {
            return services;
        }

        new IdentityBuilder(typeof(StaffUser), services).AddSignInManager();
        services.AddAuthentication().AddIdentityCookies();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.ConfigureApplicationCookie(cookie => Harden(cookie, settings.IdleTimeout, development, "avz-staff"));
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, cookie => Harden(cookie, TimeSpan.FromMinutes(5), development, "avz-staff-2fa"));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "avz-antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPaths.Staff, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().RequireClaim(StaffRoles.ClaimType))
            .AddPolicy(PortalPaths.PrivacyOfficer, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().RequireClaim(StaffRoles.ClaimType, StaffRoles.PrivacyOfficer))
            .AddPolicy(PortalPaths.Administrator, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().RequireClaim(StaffRoles.ClaimType, StaffRoles.Administrator));
        services.AddRazorPages().AddApplicationPart(typeof(PortalServiceCollectionExtensions).Assembly);
        services.AddHostedService<DevelopmentStaff>();
        return services;
    }

    /// <summary>Maps the portal's pages and stylesheet, unless <c>Portal:Enabled</c> is off.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapStaffPortal(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!endpoints.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value.Enabled)
        {
            return endpoints;
        }

        endpoints.MapRazorPages();
        endpoints.MapGet(PortalPaths.Root + "/portal.css", () => Results.Text(PortalStyle.Css, "text/css; charset=utf-8")).ExcludeFromDescription();
        return endpoints;
    }

    private static void Harden(CookieAuthenticationOptions cookie, TimeSpan idle, bool development, string name)
    {
        cookie.Cookie.Name = name;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        cookie.Cookie.Path = PortalPaths.Root;
        cookie.ExpireTimeSpan = idle;
        cookie.SlidingExpiration = true;
        cookie.LoginPath = PortalPaths.Login;
        cookie.LogoutPath = PortalPaths.Root + "/uitloggen";
        cookie.AccessDeniedPath = PortalPaths.AccessDenied;
        cookie.ReturnUrlParameter = "terug";
    }
}
