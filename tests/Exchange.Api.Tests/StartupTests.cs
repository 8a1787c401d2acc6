using System.Diagnostics;

namespace Avz.Exchange.Api.Tests;

/// <summary>A configuration that cannot work stops the real process with one sentence on standard error and exit code 1.</summary>
public sealed class StartupTests
{
    public static TheoryData<string, string, string> BrokenConfigurations() => new()
    {
        { "Policies__Directory", "/nonexistent/policies", "Policies:Directory '/nonexistent/policies' does not exist" },
        { "Policies__Directory", "BROKEN_POLICY", "Policy broken.yaml is invalid" },
        { "Storage__DataDirectory", "UNDER_A_FILE", "Storage:DataDirectory '" },
        { "Audit__Origin", "has spaces+plus", "Audit:Origin must be a name without spaces" },
        { "Identity__SigningKeyPath", "", "Identity:SigningKeyPath names no token signing key" },
        { "Identity__SigningKeyPath", "/nonexistent/key.pem", "Identity:SigningKeyPath '/nonexistent/key.pem' does not exist" },
        { "KeyEncryption__Provider", "vault9", "KeyEncryption:Provider must be local, pkcs11 or azure-key-vault." },
        { "KeyEncryption__Provider", "pkcs11", "KeyEncryption:Provider pkcs11 needs KeyEncryption:Pkcs11Library" },
        { "KeyEncryption__KeyFile", "BROKEN_KEK", "The key-encryption key file " },
        { "Database__Provider", "Postgres", "Database:ConnectionString is required for PostgreSQL and SQL Server." },
        { "Database__Provider", "Oracle", "Database:Provider must be Sqlite, Postgres or SqlServer." },
        { "Audit__Store", "Oracle", "Audit:Store must be Sqlite or Postgres." },
        { "Audit__Store", "Postgres", "Audit:Store Postgres needs Audit:ConnectionString." },
        { "Identity__Store", "Postgres", "Identity:Store Postgres needs Identity:ConnectionString." },
        { "Identity__Issuer", "", "Identity:Issuer is not set" },
        { "Identity__Issuer", "/relative/", "Identity:Issuer must be an absolute http(s) URL" },
        { "Storage__DataDirectory", "BROKEN_IDENTITY_DB", "The identity database cannot be opened or migrated (SqliteException)" },
        { "ASPNETCORE_URLS", "PORT_IN_USE", "Failed to bind to address http://127.0.0.1:" },
    };

    [Theory]
    [MemberData(nameof(BrokenConfigurations))]
    public async Task BrokenConfiguration_PrintsOneSentence_AndExitsOne(string setting, string value, string sentence)
    {
        var scratch = Directory.CreateTempSubdirectory("avz-startup-");
        using var occupied = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Avz.Exchange.Api.dll"));
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Policies__Directory"] = Path.Combine(Avz.Testing.RepositoryPaths.Root, "policies");
            start.Environment["Storage__DataDirectory"] = Path.Combine(scratch.FullName, "data");
            start.Environment["Identity__Issuer"] = "https://avz.example.nl/";
            start.Environment[setting] = value switch
            {
                "BROKEN_POLICY" => BrokenPolicyFolder(scratch),
                "UNDER_A_FILE" => UnderAFile(scratch),
                "BROKEN_KEK" => BrokenKeyFile(scratch),
                "BROKEN_IDENTITY_DB" => BrokenIdentityDatabase(scratch),
                "PORT_IN_USE" => Occupy(occupied, start),
                _ => value,
            };

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            Assert.Equal(1, process.ExitCode);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("avz-exchange cannot start: " + sentence, line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", await stdout, StringComparison.Ordinal);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static string Occupy(System.Net.Sockets.TcpListener listener, ProcessStartInfo start)
    {
        // Everything else is fine, so the start gets as far as binding.
        start.Environment["Identity__GenerateSigningKey"] = "true";
        listener.Start();
        return $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
    }

    private static string UnderAFile(DirectoryInfo scratch)
    {
        var file = Path.Combine(scratch.FullName, "a-file");
        File.WriteAllText(file, "");
        return Path.Combine(file, "data");
    }

    private static string BrokenPolicyFolder(DirectoryInfo scratch)
    {
        var folder = scratch.CreateSubdirectory("policies");
        var demo = File.ReadAllText(Path.Combine(Avz.Testing.RepositoryPaths.Root, "policies", "avz-groningen.yaml"));
        File.WriteAllText(Path.Combine(folder.FullName, "broken.yaml"), demo.Replace("kind: justice", "kind: police", StringComparison.Ordinal));
        return folder.FullName;
    }

    private static string BrokenKeyFile(DirectoryInfo scratch)
    {
        var path = Path.Combine(scratch.FullName, "kek.json");
        File.WriteAllText(path, "{\"current\": \"gone\", \"keys\": {}}");
        return path;
    }

    private static string BrokenIdentityDatabase(DirectoryInfo scratch)
    {
        var folder = Directory.CreateDirectory(Path.Combine(scratch.FullName, "data-with-broken-identity"));
        File.WriteAllText(Path.Combine(folder.FullName, "identity.db"), "not a SQLite database, e.g. a file restored from the wrong backup");
        return folder.FullName;
    }
}
