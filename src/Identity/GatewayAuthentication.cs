using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server.AspNetCore;

namespace Avz.Identity;

/// <summary>
/// ASP.NET Core's authentication middleware, except that a call on the API (<c>/v1</c>) is not offered to OpenIddict's
/// server. The server answers its own endpoints (<c>/connect/token</c>, <c>/.well-known/…</c>), never a path under
/// <c>/v1</c>, yet the standard middleware built its handler for every call, with a logger of its own, and ran its
/// request pipeline to find that out (issue 16's profile of the session call: about a tenth of its CPU). OpenIddict's
/// validation handler still sees every call: it prepares the context its token validation and its challenges need.
/// </summary>
internal sealed class GatewayAuthenticationMiddleware(RequestDelegate next, IAuthenticationSchemeProvider schemes)
{
    /// <summary>The API's paths; no OpenIddict endpoint lies under it (checked by the identity tests).</summary>
    public static readonly PathString Api = new("/v1");

    private readonly AuthenticationMiddleware standard = new(next, schemes);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Api, StringComparison.OrdinalIgnoreCase))
        {
            await standard.Invoke(context).ConfigureAwait(false);
            return;
        }

        // What the standard middleware does, without the server's request handler.
        context.Features.Set<IAuthenticationFeature>(new AuthenticationFeature { OriginalPath = context.Request.Path, OriginalPathBase = context.Request.PathBase });
        var handlers = context.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
        foreach (var requestScheme in await schemes.GetRequestHandlerSchemesAsync().ConfigureAwait(false))
        {
            if (string.Equals(requestScheme.Name, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, StringComparison.Ordinal))
            {
                continue;
            }

            if (await handlers.GetHandlerAsync(context, requestScheme.Name).ConfigureAwait(false) is IAuthenticationRequestHandler handler
                && await handler.HandleRequestAsync().ConfigureAwait(false))
            {
                return;
            }
        }

        if (await schemes.GetDefaultAuthenticateSchemeAsync().ConfigureAwait(false) is { } scheme)
        {
            var result = await context.AuthenticateAsync(scheme.Name).ConfigureAwait(false);
            if (result.Principal is not null)
            {
                context.User = result.Principal;
            }

            if (result.Succeeded)
            {
                var features = new ResultFeatures(result);
                context.Features.Set<IHttpAuthenticationFeature>(features);
                context.Features.Set<IAuthenticateResultFeature>(features);
            }
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>The authentication result as a feature; setting the user drops the result, as in ASP.NET Core's own.</summary>
    private sealed class ResultFeatures(AuthenticateResult result) : IAuthenticateResultFeature, IHttpAuthenticationFeature
    {
        private AuthenticateResult? result = result;
        private ClaimsPrincipal? user = result.Principal;

        public AuthenticateResult? AuthenticateResult
        {
            get => result;
            set
            {
                result = value;
                user = value?.Principal;
            }
        }

        public ClaimsPrincipal? User
        {
            get => user;
            set
            {
                user = value;
                result = null;
            }
        }
    }
}

/// <summary>The gateway's authentication in the pipeline.</summary>
public static class GatewayAuthentication
{
    /// <summary>In place of <c>UseAuthentication</c>: the same, with the API's calls spared OpenIddict's request handlers.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IApplicationBuilder UseGatewayAuthentication(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The mark UseAuthentication leaves: without it WebApplication adds the standard middleware again, at the very
        // start of the pipeline (before the request limits), for any application with authentication services.
        app.Properties[AuthenticationMiddlewareSet] = true;
        return app.UseMiddleware<GatewayAuthenticationMiddleware>();
    }

    /// <summary>The key ASP.NET Core's <c>UseAuthentication</c> sets and <c>WebApplication</c> looks for.</summary>
    internal const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";
}
