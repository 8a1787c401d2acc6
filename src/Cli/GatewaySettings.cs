using System.CommandLine;
using Avz.Audit;
using Avz.Exchange;
using Avz.Identity;
using Microsoft.Extensions.Configuration;

namespace Avz.Cli;

/// <summary>
/// The gateway's settings as the <c>avz</c> command reads them: the same sections, from the same sources, in the same
/// order as the gateway (<c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>, environment variables, then
/// the command line), so an operator configures once. <c>--config FILE</c> names the gateway's settings file; its
/// folder is the content root that relative paths resolve against, and the environment's file beside it is read too.
/// Without it, the current folder is the content root.
/// </summary>
internal sealed class GatewaySettings
{
    private GatewaySettings(string contentRoot, IConfiguration configuration)
    {
        ContentRoot = contentRoot;
        Storage = Bind<StorageOptions>(configuration, StorageOptions.SectionName);
        AccessLog = Bind<AccessLogOptions>(configuration, AccessLogOptions.SectionName);
        Database = Bind<DatabaseOptions>(configuration, DatabaseOptions.SectionName);
        KeyEncryption = Bind<KeyEncryptionOptions>(configuration, KeyEncryptionOptions.SectionName);
        Identity = Bind<PartnerIdentityOptions>(configuration, PartnerIdentityOptions.SectionName);
        Address = AddressOf(configuration);
    }

    public string ContentRoot { get; }

    public StorageOptions Storage { get; }

    public AccessLogOptions AccessLog { get; }

    public DatabaseOptions Database { get; }

    public KeyEncryptionOptions KeyEncryption { get; }

    public PartnerIdentityOptions Identity { get; }

    /// <summary>
    /// The gateway's base URL as its settings give it: <c>Identity:Issuer</c>, else the first of <c>Urls</c> or
    /// <c>ASPNETCORE_URLS</c> (a wildcard host read as 127.0.0.1), else the gateway's default address.
    /// </summary>
    public Uri Address { get; }

    /// <summary>The data directory, resolved against the content root as the gateway resolves it.</summary>
    public string DataDirectory => Storage.Resolve(ContentRoot);

    /// <summary>Reads the settings.</summary>
    /// <param name="config">The gateway's settings file, or null for <c>appsettings.json</c> in the current folder (if any).</param>
    /// <param name="overrides">Settings given on the command line (<c>Section:Key</c>), which win over every other source.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="InvalidOperationException">A file cannot be read or a value does not fit its setting; the message says which.</exception>
    public static GatewaySettings Load(FileInfo? config, IReadOnlyDictionary<string, string?> overrides)
    {
        var contentRoot = config?.DirectoryName ?? Directory.GetCurrentDirectory();
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        if (config is { Exists: false })
        {
            throw new InvalidOperationException($"the settings file {config.FullName} does not exist.");
        }

        try
        {
            var configuration = new ConfigurationBuilder()
                .AddJsonFile(config?.FullName ?? Path.Combine(contentRoot, "appsettings.json"), optional: config is null)
                .AddJsonFile(Path.Combine(contentRoot, $"appsettings.{environment}.json"), optional: true)
                .AddEnvironmentVariables()
                .AddInMemoryCollection(overrides)
                .Build();
            return new GatewaySettings(contentRoot, configuration);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException)
        {
            throw new InvalidOperationException($"the gateway's settings cannot be read ({e.Message}).", e);
        }
    }

    private static Uri AddressOf(IConfiguration configuration)
    {
        if (Uri.TryCreate(configuration["Identity:Issuer"], UriKind.Absolute, out var issuer))
        {
            return issuer;
        }

        var urls = configuration["Urls"] ?? configuration["ASPNETCORE_URLS"];
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return new Uri("http://127.0.0.1:5080/");
        }

        // Kestrel's wildcard hosts are not valid in a System.Uri; a local call reaches them on loopback.
        var local = System.Text.RegularExpressions.Regex.Replace(first, @"^(https?://)(\*|\+|0\.0\.0\.0|\[::\])", "${1}127.0.0.1");
        return Uri.TryCreate(local, UriKind.Absolute, out var address) ? address : new Uri("http://127.0.0.1:5080/");
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new() => configuration.GetSection(section).Get<T>() ?? new T();
}
