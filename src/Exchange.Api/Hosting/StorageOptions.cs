namespace Avz.Exchange.Api.Hosting;

/// <summary>Where the gateway keeps its state: the databases, the access-log signing key, and in Development the demo credentials.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage";

    /// <summary>The data directory; relative paths are resolved against the content root. Created (owner-only) when missing.</summary>
    public string DataDirectory { get; set; } = ".avz";

    /// <summary>The data directory as a full path.</summary>
    /// <param name="contentRoot">The host's content root.</param>
    /// <returns>The full path.</returns>
    public string Resolve(string contentRoot) => Path.GetFullPath(DataDirectory, contentRoot);

    /// <summary>The validated data directory of a running host.</summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The full path.</returns>
    public static string DataDirectoryOf(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.Resolve(services.GetRequiredService<IHostEnvironment>().ContentRootPath);
}
