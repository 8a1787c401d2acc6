namespace Avz.Exchange.Api.Policies;

/// <summary>Where the gateway finds its convenant policies.</summary>
public sealed class PolicyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Policies";

    /// <summary>The folder used when none is configured, relative to the content root.</summary>
    public const string DefaultDirectory = "policies";

    /// <summary>The demo convenant shipped beside the gateway's binary, used in Development when no folder is configured and the content root has none.</summary>
    public const string DemoDirectory = "demo-policies";

    /// <summary>
    /// Folder with one <c>*.yaml</c> per convenant (test files, <c>*.tests.yaml</c>, are skipped); relative to the
    /// content root. Unset: <see cref="DefaultDirectory"/>, or in Development, when the content root has no such
    /// folder, the demo convenant shipped with the gateway.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>How often a node checks whether another node activated a policy version; default 2 seconds.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The folder the policies are read from.</summary>
    /// <param name="environment">The host.</param>
    /// <returns>The full path.</returns>
    public string Resolve(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(Directory))
        {
            return Path.GetFullPath(Directory, environment.ContentRootPath);
        }

        var folder = Path.GetFullPath(DefaultDirectory, environment.ContentRootPath);
        return environment.IsDevelopment() && !System.IO.Directory.Exists(folder) ? Path.Combine(AppContext.BaseDirectory, DemoDirectory) : folder;
    }
}
