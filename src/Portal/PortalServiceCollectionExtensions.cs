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
        services.ConfigureApplicationCookie(cookie => Harden(cookie, settings.IdleTimeout, development, PortalPaths.SessionCookie));
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

    /// <summary>
    /// Guards the portal's paths: outside Development only over HTTPS (its cookies are Secure; over plain HTTP it answers
    /// 403 with one sentence instead of failing), and with <c>Portal:Port</c> set, on that port only, which answers
    /// nothing but the portal and the health probes (404 otherwise). The port is the one the connection arrived on, never
    /// the Host header a client chooses.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IApplicationBuilder UseStaffPortalGuard(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value;
        var development = app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment();
        if (!options.Enabled)
        {
            return app;
        }

        // Not async: a call that passes (nearly all of them) costs no state machine of its own (issue 16).
        return app.Use((context, next) =>
        {
            var path = context.Request.Path;
            var portal = PortalPaths.Owns(path);
            if (options.Port is { } port && (context.Connection.LocalPort == port ? !portal && !path.StartsWithSegments("/health", StringComparison.Ordinal) : portal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            if (portal && !development && !context.Request.IsHttps)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync("Het portaal werkt alleen via HTTPS. / The staff portal is served over HTTPS only.", context.RequestAborted);
            }

            return next(context);
        });
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
