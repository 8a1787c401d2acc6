using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Avz.Exchange.Api.Tests;

/// <summary>The gateway in-process, with its own data directory and the repository's policies.</summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    private readonly string environment;

    public GatewayFactory(Dictionary<string, string?>? overrides = null, string environment = "Production")
    {
        this.environment = environment;
        DataDirectory = Directory.CreateTempSubdirectory("avz-gateway-").FullName;
        settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Policies:Directory"] = Path.Combine(Avz.Testing.RepositoryPaths.Root, "policies"),
            ["Audit:Origin"] = "test.avz/access-log",
            ["Identity:AllowHttp"] = "true",
            ["Identity:GenerateSigningKey"] = "true",
            ["Identity:Issuer"] = "http://localhost/",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    /// <summary>Extra services for the gateway (a log capture, a fake clock).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ExtraServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (ExtraServices is { } services)
        {
            builder.ConfigureServices(services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            // SQLite's pooled connections to the log index close a moment after the pools are cleared, and one of them
            // can leave audit.index.db behind while the folder is being removed (seen, not explained: no index
            // connection opens after the store is disposed). A second attempt finds the folder quiet.
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    Directory.Delete(DataDirectory, recursive: true);
                    break;
                }
                catch (IOException) when (attempt < 3)
                {
                    await Task.Delay(200);
                }
            }
        }
    }
}
