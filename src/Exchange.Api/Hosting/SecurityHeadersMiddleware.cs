namespace Avz.Exchange.Api.Hosting;

/// <summary>Headers that keep API responses out of caches, frames and content sniffing; the API serves no active content.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        if (!context.Request.Path.StartsWithSegments("/scalar", StringComparison.Ordinal))
        {
            // The API reference page loads its own script; everything else is data.
            headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        }

        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }

        return next(context);
    }
}
