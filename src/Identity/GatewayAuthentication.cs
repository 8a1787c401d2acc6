using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;

namespace Avz.Identity;

/// <summary>
/// ASP.NET Core's authentication middleware, except that a call on the API (<c>/v1</c>) is not offered to OpenIddict's
/// request handlers. The server answers its own endpoints (<c>/connect/token</c>, <c>/.well-known/…</c>), never a path
/// under <c>/v1</c>, yet the standard middleware built its handler for every call, with a logger of its own, and ran its
/// request pipeline to find that out (issue 16's profile of the session call: about a tenth of its CPU). The validation
/// handler's request pipeline only prepares the transaction its token check and its challenges use; the API's scheme,
/// <see cref="CachedBearerHandler"/>, runs it when it needs OpenIddict, and a remembered token never does (the seventh
/// round's profile: with the handler's construction about a tenth of the session call's CPU again).
/// Both paths run ASP.NET Core's own middleware; the API's is given the schemes without OpenIddict's request handlers.
/// </summary>
internal sealed class GatewayAuthenticationMiddleware(RequestDelegate next, IAuthenticationSchemeProvider schemes)
{
    /// <summary>The API's paths; no OpenIddict endpoint lies under it (checked by the gateway's tests).</summary>
    public static readonly PathString Api = new("/v1");

    private readonly AuthenticationMiddleware standard = new(next, schemes);

    private readonly AuthenticationMiddleware api = new(next, new WithoutOpenIddictRequestHandlers(schemes));

    public Task InvokeAsync(HttpContext context) =>
        context.Request.Path.StartsWithSegments(Api, StringComparison.OrdinalIgnoreCase) ? api.Invoke(context) : standard.Invoke(context);

    /// <summary>The host's schemes, with OpenIddict's server and validation left out of the request handlers.</summary>
    private sealed class WithoutOpenIddictRequestHandlers(IAuthenticationSchemeProvider schemes) : IAuthenticationSchemeProvider
    {
        /// <summary>The last list filtered, and what it gave: the host's provider hands out the same list until its schemes change.</summary>
        private Filtered? last;

        public async Task<IEnumerable<AuthenticationScheme>> GetRequestHandlerSchemesAsync()
        {
            var all = await schemes.GetRequestHandlerSchemesAsync().ConfigureAwait(false);
            if (last is { } seen && ReferenceEquals(seen.From, all))
            {
                return seen.Kept;
            }

            var kept = all.Where(s => !string.Equals(s.Name, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, StringComparison.Ordinal)
                && !string.Equals(s.Name, OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme, StringComparison.Ordinal)).ToArray();
            last = new Filtered(all, kept);
            return kept;
        }

        public Task<IEnumerable<AuthenticationScheme>> GetAllSchemesAsync() => schemes.GetAllSchemesAsync();

        public Task<AuthenticationScheme?> GetSchemeAsync(string name) => schemes.GetSchemeAsync(name);

        public Task<AuthenticationScheme?> GetDefaultAuthenticateSchemeAsync() => schemes.GetDefaultAuthenticateSchemeAsync();

        public Task<AuthenticationScheme?> GetDefaultChallengeSchemeAsync() => schemes.GetDefaultChallengeSchemeAsync();

        public Task<AuthenticationScheme?> GetDefaultForbidSchemeAsync() => schemes.GetDefaultForbidSchemeAsync();

        public Task<AuthenticationScheme?> GetDefaultSignInSchemeAsync() => schemes.GetDefaultSignInSchemeAsync();

        public Task<AuthenticationScheme?> GetDefaultSignOutSchemeAsync() => schemes.GetDefaultSignOutSchemeAsync();

        public void AddScheme(AuthenticationScheme scheme) => schemes.AddScheme(scheme);

        public bool TryAddScheme(AuthenticationScheme scheme) => schemes.TryAddScheme(scheme);

        public void RemoveScheme(string name) => schemes.RemoveScheme(name);

        private sealed record Filtered(IEnumerable<AuthenticationScheme> From, AuthenticationScheme[] Kept);
    }
}

/// <summary>The gateway's authentication in the pipeline.</summary>
public static class GatewayAuthentication
{
    /// <summary>In place of <c>UseAuthentication</c>: the same, with the API's calls spared OpenIddict's request pipelines.</summary>
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
