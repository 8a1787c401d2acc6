using System.Threading.RateLimiting;
using Avz.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Avz.Exchange.Api.Hosting;

/// <summary>A fixed-window rate limit per client (or per address before authentication) and a body size limit; both answer with a problem and a code.</summary>
public static class RequestLimitsServiceCollectionExtensions
{
    /// <summary>Registers the limits.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding <c>RequestLimits</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestLimitOptions>().Bind(configuration.GetSection(RequestLimitOptions.SectionName))
            .Validate(o => o.MaxBodyBytes > 0 && o.PermitsPerMinutePerClient > 0 && o.PermitsPerMinutePerAddress > 0 && o.MaxConnections > 0, "RequestLimits values must be positive.")
            .ValidateOnStart();
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<RequestLimitOptions>>((kestrel, limits) => kestrel.Limits.MaxConcurrentConnections = limits.Value.MaxConnections);
        services.AddSingleton<AddressLimiter>();
        services.AddRateLimiter(limiter => limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RequestLimitOptions>>((limiter, limits) =>
        {
            // Unauthenticated calls were limited per address before authentication; this limits each client. The
            // partition's key holds the client's id as it is, and its limiter is made by one factory for all: a call
            // allocates nothing to find its partition (issue 16). The partitioned limiter replenishes the windows on its
            // own timer, as it does for those GetFixedWindowLimiter makes.
            var permits = limits.Value.PermitsPerMinutePerClient;
            Func<ClientPartition, RateLimiter> window = _ => new FixedWindowRateLimiter(Window(permits));
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, ClientPartition>(context =>
                IdentityClaims.ValueOf(context.User, OpenIddictConstants.Claims.Subject) is { } client
                    ? RateLimitPartition.Get(new ClientPartition(client), window)
                    : RateLimitPartition.GetNoLimiter(default(ClientPartition)));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests from this client; retry after a minute." },
                }).ConfigureAwait(false);
            };
        });
        return services;
    }

    /// <summary>
    /// Before authentication: refuses bodies over the limit (413) and limits per address every call that carries no
    /// credentials, and every token request (OpenIddict answers those inside authentication). A call that carries an
    /// <c>Authorization</c> header is limited per client once its token validates, and per address when it does not
    /// (<see cref="UseClientRateLimit"/>): a made-up header must not buy a way around the limit. A portal request with
    /// the staff session cookie is decided after authentication too: per staff account when the cookie is a valid
    /// session, per address when it is not. Health probes are never limited, so a flooded address cannot make a
    /// liveness probe behind it fail.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication UseRequestLimitsBeforeAuthentication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limits = app.Services.GetRequiredService<IOptions<RequestLimitOptions>>().Value;
        var addresses = app.Services.GetRequiredService<AddressLimiter>();
        // Not async where the call passes: an API call with a bearer token (nearly every call) goes straight on, with
        // no state machine of this layer's own to park and resume while the request waits for the access log (issue 16).
        app.Use((context, next) =>
        {
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limits.MaxBodyBytes;
            }

            if (context.Request.ContentLength > limits.MaxBodyBytes)
            {
                return RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limits.MaxBodyBytes} bytes.");
            }

            var staffCookie = PresentsStaffCookie(context);
            var addressLimited = AddressLimited(context);
            return staffCookie || addressLimited ? LimitBeforeAuthenticationAsync(context, next, addresses, staffCookie, addressLimited) : next(context);
        });
        return app;
    }

    /// <summary>The per-address window before authentication, or the mark that defers a staff session to its account's.</summary>
    private static async Task LimitBeforeAuthenticationAsync(HttpContext context, RequestDelegate next, AddressLimiter addresses, bool staffCookie, bool addressLimited)
    {
        if (staffCookie && await StaffSchemeRegisteredAsync(context).ConfigureAwait(false))
        {
            // Decided after authentication, per staff account when the cookie holds (UseClientRateLimit).
            context.Items[DeferredToStaffLimit] = true;
        }
        else if (addressLimited && !await addresses.TryAcquireAsync(context).ConfigureAwait(false))
        {
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>A call limited per address before authentication: no credentials at all, or a token request.</summary>
    private static bool AddressLimited(HttpContext context) =>
        !IsHealthProbe(context) && (context.Request.Headers.Authorization.Count == 0 || IsTokenRequest(context));

    private const string DeferredToStaffLimit = "avz-staff-limit";

    /// <summary>Whether the staff session scheme exists, so a presented cookie can be checked after authentication (not here).</summary>
    private static async Task<bool> StaffSchemeRegisteredAsync(HttpContext context) =>
        context.RequestServices.GetService<IAuthenticationSchemeProvider>() is { } schemes
        && await schemes.GetSchemeAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme).ConfigureAwait(false) is not null;

    /// <summary>A portal request with the staff session cookie and no <c>Authorization</c> header.</summary>
    private static bool PresentsStaffCookie(HttpContext context) =>
        Avz.Exchange.Portal.PortalPaths.Owns(context.Request.Path)
        && context.Request.Headers.Authorization.Count == 0
        && context.Request.Cookies.ContainsKey(Avz.Exchange.Portal.PortalPaths.SessionCookie);

    private static bool IsHealthProbe(HttpContext context) => context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal);

    private static bool IsTokenRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/connect", StringComparison.Ordinal);

    /// <summary>After authentication: the per-client limit.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication UseClientRateLimit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<AddressLimiter>();
        app.Use((context, next) =>
        {
            // An Authorization header that did not authenticate counts against its address, like no header at all. A
            // call that is neither that nor a staff session goes straight on, with no state machine of this layer's own.
            var refusedHeader = context.Request.Headers.Authorization.Count > 0 && context.User.Identity?.IsAuthenticated != true
                && !IsHealthProbe(context) && !IsTokenRequest(context);
            return refusedHeader || context.Items.ContainsKey(DeferredToStaffLimit)
                ? LimitAfterAuthenticationAsync(context, next, addresses, refusedHeader)
                : next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The per-address window for a header that did not authenticate, then a staff session's allowance.</summary>
    private static async Task LimitAfterAuthenticationAsync(HttpContext context, RequestDelegate next, AddressLimiter addresses, bool refusedHeader)
    {
        if (refusedHeader && !await addresses.TryAcquireAsync(context).ConfigureAwait(false))
        {
            return;
        }

        // A portal request with the staff cookie: its account's allowance when the cookie is a valid session; a
        // forged or expired one counts against its address like any anonymous call.
        if (context.Items.ContainsKey(DeferredToStaffLimit))
        {
            var session = await context.AuthenticateAsync(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme).ConfigureAwait(false);
            var account = session.Succeeded ? session.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value : null;
            if (!(account is not null ? await addresses.TryAcquireStaffAsync(context, account).ConfigureAwait(false) : await addresses.TryAcquireAsync(context).ConfigureAwait(false)))
            {
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    internal static Task RefuseAsync(HttpContext context, int status, string title)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title },
        }).AsTask();
    }

    /// <summary>A client's rate-limit partition; the default one (no client) is not limited.</summary>
    private readonly record struct ClientPartition(string? Client);

    private static FixedWindowRateLimiterOptions Window(int permits) => new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = false };
}
