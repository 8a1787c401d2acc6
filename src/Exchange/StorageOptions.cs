namespace Avz.Exchange;

/// <summary>Where the gateway keeps its state (<c>Storage</c> section): the databases, the keys, and in Development the demo credentials. The gateway and the <c>avz</c> command resolve it alike.</summary>
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
}
