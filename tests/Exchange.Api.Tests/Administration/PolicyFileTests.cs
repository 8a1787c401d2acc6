using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Avz.Exchange.Api.Tests.Administration;

/// <summary>Policy files seed a convenant's first stored version; after that a changed file is reported, never applied, and a stored version altered in the database is never loaded.</summary>
public sealed class PolicyFileTests : IDisposable
{
    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("avz-policy-files-");

    [Fact]
    public async Task AFileThatDiffersFromTheActiveVersion_IsReportedAtStart_AndNotApplied()
    {
        var data = scratch.CreateSubdirectory("data").FullName;
        var policies = scratch.CreateSubdirectory("policies");
        await File.WriteAllTextAsync(Path.Combine(policies.FullName, "avz-groningen.yaml"), PolicyAdministrationTests.Policy(), TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = data, ["Policies:Directory"] = policies.FullName };
        string seeded;
        await using (var first = new GatewayFactory(settings))
        {
            seeded = await PolicyAdministrationTests.ActiveHashAsync(first.CreateClient());
        }

        await File.WriteAllTextAsync(Path.Combine(policies.FullName, "avz-groningen.yaml"), PolicyAdministrationTests.Changed(), TestContext.Current.CancellationToken);
        var capture = new LogCapture();
        await using var second = new GatewayFactory(settings) { ExtraServices = s => s.AddSingleton<ILoggerProvider>(capture) };
        Assert.Equal(seeded, await PolicyAdministrationTests.ActiveHashAsync(second.CreateClient()));
        var report = Assert.Single(capture.Text.Split('\n'), l => l.Contains("FileDiffers", StringComparison.Ordinal));
        Assert.StartsWith("Warning ", report, StringComparison.Ordinal);
        Assert.Contains($"ActiveHash={seeded} Convenant=avz-groningen FileHash=sha256:", report, StringComparison.Ordinal);
        Assert.Contains("File=avz-groningen.yaml", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoredVersionAlteredInTheDatabase_StopsTheStart()
    {
        var data = scratch.CreateSubdirectory("data").FullName;
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = data };
        await using (var first = new GatewayFactory(settings))
        {
            first.CreateClient().Dispose();
        }

        // Someone with database access widens a rule in the stored text and leaves the hash.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "exchange.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE policy_versions SET Yaml = replace(Yaml, 'recipients: [kind:municipality]', 'recipients: [kind:municipality, politie]')";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        // The real process: one sentence, exit code 1.
        var (exit, _, error) = await RealGateway.RunAsync(scratch.FullName, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__DataDirectory"] = data,
            ["Policies__Directory"] = Path.Combine(Avz.Testing.RepositoryPaths.Root, "policies"),
            ["Identity__Issuer"] = "https://avz.example.nl/",
            ["Identity__GenerateSigningKey"] = "true",
            ["Audit__Origin"] = "test.avz/access-log",
        }, "dotnet", Path.Combine(AppContext.BaseDirectory, "Avz.Exchange.Api.dll"));
        Assert.Equal(1, exit);
        Assert.Matches("^avz-exchange cannot start: The stored policy version sha256:[0-9a-f]{64} does not compile to its hash; it was altered in the database.\n?$", error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();

        // The gateway's data lives in the scratch folder here, so the race GatewayFactory.DisposeAsync describes (a
        // closing SQLite connection leaving audit.index.db behind during the removal, once in a clean-clone CI run of
        // this test too) needs the same second attempt.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                scratch.Delete(recursive: true);
                return;
            }
            catch (IOException) when (attempt < 3)
            {
                Thread.Sleep(200);
            }
        }
    }
}
