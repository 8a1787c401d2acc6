using System.CommandLine;

namespace Avz.Cli;

/// <summary>
/// The options every command that opens the gateway's state takes: <c>--config</c>, and the few settings most often
/// given on the command line, which win over the settings files and the environment as they do for the gateway.
/// </summary>
internal sealed class GatewayOptions
{
    public Option<FileInfo?> Config { get; } = new("--config")
    {
        Description = "The gateway's settings file (appsettings.json); relative paths in it resolve against its folder, and appsettings.{Environment}.json beside it is read too. Default: appsettings.json in the current folder, if any; environment variables (Storage__DataDirectory, Audit__Origin, ...) apply either way.",
    };

    public Option<DirectoryInfo?> DataDirectory { get; } = new("--data-dir") { Description = "The gateway's data directory (Storage:DataDirectory). Default: as the settings say, else .avz." };

    public Option<string?> AuditPostgres { get; } = new("--audit-postgres") { Description = "The access log's PostgreSQL connection string (Audit:Store Postgres, Audit:ConnectionString)." };

    public Option<string?> IdentityPostgres { get; } = new("--identity-postgres") { Description = "The client registry's PostgreSQL connection string (Identity:Store Postgres, Identity:ConnectionString)." };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(DataDirectory);
        command.Options.Add(AuditPostgres);
        command.Options.Add(IdentityPostgres);
    }

    /// <summary>Reads the settings, with these options and <paramref name="extra"/> settings winning; writes why not and returns null.</summary>
    public GatewaySettings? Load(ParseResult parsed, TextWriter error, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var overrides = new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        if (parsed.GetValue(DataDirectory) is { } folder)
        {
            overrides["Storage:DataDirectory"] = folder.FullName;
        }

        if (parsed.GetValue(AuditPostgres) is { } audit)
        {
            overrides["Audit:Store"] = "Postgres";
            overrides["Audit:ConnectionString"] = audit;
        }

        if (parsed.GetValue(IdentityPostgres) is { } identity)
        {
            overrides["Identity:Store"] = "Postgres";
            overrides["Identity:ConnectionString"] = identity;
        }

        try
        {
            return GatewaySettings.Load(parsed.GetValue(Config), overrides);
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"avz: {e.Message}");
            return null;
        }
    }
}
