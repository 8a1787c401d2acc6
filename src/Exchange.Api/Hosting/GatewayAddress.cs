namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// Where the gateway listens when nothing says: <c>http://127.0.0.1:5080</c>, loopback only. The ASP.NET Core
/// conventions win over it, as every deployment script expects: <c>ASPNETCORE_URLS</c>, <c>Urls</c> in any
/// configuration source, <c>--urls</c>, or <c>Kestrel:Endpoints</c>. (A default in appsettings.json would win over
/// <c>ASPNETCORE_URLS</c>, because the settings file is read after the host's environment variables.)
/// </summary>
public static class GatewayAddress
{
    /// <summary>The address when none is configured.</summary>
    public const string Default = "http://127.0.0.1:5080";

    /// <summary>Listens on <see cref="Default"/> unless the configuration names an address.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder UseGatewayAddress(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(Default);
        }

        return builder;
    }
}
