using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Avz.Exchange.Client;
using Avz.Identity;

namespace Avz.Exchange.Api.Tests;

/// <summary>
/// The gateway and the avz command as real processes (dotnet Avz.Exchange.Api.dll, dotnet avz.dll) from the test's
/// output folder, configured only by the environment, as an operator runs them.
/// </summary>
internal sealed class RealGateway : IDisposable
{
    private Process? process;

    public RealGateway(string scratch, IReadOnlyDictionary<string, string>? extra = null)
    {
        Scratch = scratch;
        Port = FreePort();
        Environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = $"http://127.0.0.1:{Port}",
            ["Storage__DataDirectory"] = Path.Combine(scratch, "data"),
            ["Policies__Directory"] = Path.Combine(Avz.Testing.RepositoryPaths.Root, "policies"),
            ["Identity__Issuer"] = $"http://127.0.0.1:{Port}/",
            ["Identity__AllowHttp"] = "true",
            ["Identity__GenerateSigningKey"] = "true",
            ["RequestLimits__PermitsPerMinutePerClient"] = "1000000",
            ["RequestLimits__PermitsPerMinutePerAddress"] = "1000000",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            Environment[name] = value;
        }

        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/") };
    }

    public string Scratch { get; }

    /// <summary>
    /// The gateway as <c>dotnet run</c> starts it for a new user: Development, the scratch folder as its working folder
    /// (its .avz and demo clients go there, the demo convenant comes with the gateway), and only ASPNETCORE_URLS set.
    /// </summary>
    public static RealGateway Development(string scratch)
    {
        var gateway = new RealGateway(scratch);
        foreach (var name in (string[])["Urls", "Storage__DataDirectory", "Policies__Directory", "Identity__Issuer", "Identity__AllowHttp", "Identity__GenerateSigningKey"])
        {
            gateway.Environment.Remove(name);
        }

        gateway.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        gateway.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{gateway.Port}";
        return gateway;
    }

    /// <summary>Runs a program to its end in a folder and returns its exit code and output.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string folder, IReadOnlyDictionary<string, string> environment, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, error);
    }

    public int Port { get; }

    public Dictionary<string, string> Environment { get; }

    public HttpClient Http { get; }

    public string DataDirectory => Environment["Storage__DataDirectory"];

    /// <summary>Starts the gateway and waits until it is ready.</summary>
    public async Task StartAsync()
    {
        process = Start("Avz.Exchange.Api.dll", []);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "the gateway stopped: " + (process.HasExited ? await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken) : ""));
            try
            {
                if ((await Http.GetAsync("/health/ready", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail("the gateway did not become ready within 60 s");
    }

    /// <summary>SIGKILL: no shutdown, no final checkpoint, whatever was in flight is cut off.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        process?.Dispose();
        process = null;
    }

    /// <summary>Runs the avz command with the gateway's environment.</summary>
    public async Task<(int Exit, string Output, string Error)> CliAsync(params string[] arguments)
    {
        using var cli = Start("avz.dll", arguments);
        var output = cli.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await cli.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await cli.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (cli.ExitCode, await output, error);
    }

    /// <summary>Registers a client for a party with the avz command and returns its private key.</summary>
    public async Task<Microsoft.IdentityModel.Tokens.JsonWebKey> AddClientAsync(string clientId, string party)
    {
        var (privateKey, _) = ClientAssertions.NewKeyPair("k1");
        var jwks = Path.Combine(Scratch, clientId + ".jwks");
        await File.WriteAllTextAsync(jwks, JsonSerializer.Serialize(new { keys = new[] { new { kty = "EC", crv = "P-256", x = privateKey.X, y = privateKey.Y, kid = "k1" } } }), TestContext.Current.CancellationToken);
        var added = await CliAsync("clients", "add", "--party", party, "--jwks", jwks, "--client-id", clientId, "--policies", Environment["Policies__Directory"]);
        Assert.True(added.Exit == 0, added.Error);
        return privateKey;
    }

    /// <summary>An access token for a registered client, by private_key_jwt.</summary>
    public async Task<string> TokenAsync(string clientId, Microsoft.IdentityModel.Tokens.JsonWebKey key)
    {
        var response = await Http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = ClientAssertion.Create(clientId, Http.BaseAddress!, ClientKey.FromJwk(key), DateTimeOffset.UtcNow),
            ["scope"] = IdentityScopes.Exchange,
        }), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process?.Dispose();
        Http.Dispose();
    }

    private Process Start(string dll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Scratch };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        var started = Process.Start(start)!;

        // Drain the output, so a chatty process never blocks on a full pipe.
        if (dll != "avz.dll")
        {
            started.OutputDataReceived += (_, _) => { };
            started.BeginOutputReadLine();
        }

        return started;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
