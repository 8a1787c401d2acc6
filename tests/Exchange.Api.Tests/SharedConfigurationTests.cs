using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Avz.Identity;

namespace Avz.Exchange.Api.Tests;

/// <summary>
/// The gateway and the avz command read one configuration: with a non-default access-log origin and data directory
/// set only in the environment, the real gateway serves calls, and the real avz command, given the same environment,
/// lists and adds clients, rotates the key-encryption key and verifies the log, all against the same state.
/// </summary>
public sealed class SharedConfigurationTests
{
    private const string Origin = "example.org/avz-test";

    [Fact]
    public async Task GatewayAndCli_ConfiguredOnlyByTheEnvironment_WorkOnTheSameState()
    {
        var scratch = Directory.CreateTempSubdirectory("avz-shared-config-");
        var port = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["Audit__Origin"] = Origin,
            ["Storage__DataDirectory"] = Path.Combine(scratch.FullName, "data"),
            ["Policies__Directory"] = Path.Combine(Avz.Testing.RepositoryPaths.Root, "policies"),
            ["Identity__Issuer"] = $"http://127.0.0.1:{port}/",
            ["Identity__AllowHttp"] = "true",
            ["Identity__GenerateSigningKey"] = "true",
        };
        using var gateway = Start("Avz.Exchange.Api.dll", [], environment, scratch.FullName);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilReady(http, gateway);
            var vkey = (await http.GetStringAsync("/v1/audit/key", TestContext.Current.CancellationToken)).Trim();
            Assert.StartsWith(Origin + "+", vkey, StringComparison.Ordinal);

            // The CLI, in another folder, with the same environment and nothing on its command line but what it does.
            var listed = await RunCli(environment, scratch.FullName, "clients", "list");
            Assert.Equal(0, listed.Exit);
            var (privateKey, _) = ClientAssertions.NewKeyPair("k1");
            var jwks = Path.Combine(scratch.FullName, "politie-lms.jwks");
            await File.WriteAllTextAsync(jwks, JsonSerializer.Serialize(new { keys = new[] { new { kty = "EC", crv = "P-256", x = privateKey.X, y = privateKey.Y, kid = "k1" } } }), TestContext.Current.CancellationToken);
            var added = await RunCli(environment, scratch.FullName, "clients", "add", "--party", "politie", "--jwks", jwks, "--client-id", "politie-lms", "--policies", environment["Policies__Directory"]);
            Assert.True(added.Exit == 0, added.Error);

            // The running gateway knows the client the CLI registered, and serves it.
            var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "politie-lms",
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = ClientAssertions.Create("politie-lms", http.BaseAddress!, privateKey, DateTimeOffset.UtcNow),
                ["scope"] = IdentityScopes.Exchange,
            }), TestContext.Current.CancellationToken);
            Assert.True(token.StatusCode == HttpStatusCode.OK, await token.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("access_token").GetString();
            using var register = new HttpRequestMessage(HttpMethod.Post, "/v1/cases")
            {
                Content = JsonContent.Create(new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen over overlast" }),
            };
            register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            register.Headers.Add("Avz-Actor-Id", "wijkagent-17");
            register.Headers.Add("Avz-Actor-Role", "wijkagent");
            var registered = await http.SendAsync(register, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

            var rotated = await RunCli(environment, scratch.FullName, "keys", "rotate");
            Assert.True(rotated.Exit == 0, rotated.Error);
            Assert.Contains("re-wrapped 2 key(s)", rotated.Output, StringComparison.Ordinal);
            var key = await RunCli(environment, scratch.FullName, "audit", "key");
            Assert.Equal(vkey, key.Output.Trim());
            var verified = await RunCli(environment, scratch.FullName, "audit", "verify", "--key", vkey);
            Assert.True(verified.Exit == 0, verified.Output + verified.Error);
            Assert.Contains("The log verifies.", verified.Output, StringComparison.Ordinal);
        }
        finally
        {
            gateway.Kill(entireProcessTree: true);
            await gateway.WaitForExitAsync(TestContext.Current.CancellationToken);
            scratch.Delete(recursive: true);
        }
    }

    private static Process Start(string dll, IEnumerable<string> arguments, Dictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    private static async Task<(int Exit, string Output, string Error)> RunCli(Dictionary<string, string> environment, string workingDirectory, params string[] arguments)
    {
        using var process = Start("avz.dll", arguments, environment, workingDirectory);
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, error);
    }

    private static async Task WaitUntilReady(HttpClient http, Process gateway)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(gateway.HasExited, "the gateway stopped: " + (gateway.HasExited ? await gateway.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken) : ""));
            try
            {
                if ((await http.GetAsync("/health/ready", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Fail("the gateway did not become ready within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
