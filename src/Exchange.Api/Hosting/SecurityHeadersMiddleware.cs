namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// Headers that keep API responses out of caches, frames and content sniffing (the API serves no active content), and
/// the API's version on every response (NL API Design Rules, API-57).
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>One delegate for all calls: the response comes as the callback's state, so no closure is made per call.</summary>
    private static readonly Func<object, Task> SetApiVersion = static response =>
    {
        ((HttpResponse)response).Headers[ApiVersion.Header] = ApiVersion.Current;
        return Task.CompletedTask;
    };

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        if (Avz.Exchange.Portal.PortalPaths.Owns(context.Request.Path))
        {
            // The portal's pages: its own stylesheet, forms that post to itself, no script at all.
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        }
        else if (!context.Request.Path.StartsWithSegments("/scalar", StringComparison.Ordinal))
        {
            // The API reference page loads its own script; everything else is data.
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }

        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }

        // Set again as the response starts: the exception handler clears headers before it writes a problem.
        context.Response.OnStarting(SetApiVersion, context.Response);
        return next(context);
    }
}
