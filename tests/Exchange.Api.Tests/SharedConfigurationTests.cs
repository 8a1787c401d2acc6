using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

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
        try
        {
            using var gateway = new RealGateway(scratch.FullName, new Dictionary<string, string> { ["Audit__Origin"] = Origin });
            await gateway.StartAsync();
            var vkey = (await gateway.Http.GetStringAsync("/v1/audit/key", TestContext.Current.CancellationToken)).Trim();
            Assert.StartsWith(Origin + "+", vkey, StringComparison.Ordinal);

            // The CLI, in another folder, with the same environment and nothing on its command line but what it does.
            var listed = await gateway.CliAsync("clients", "list");
            Assert.Equal(0, listed.Exit);
            var key = await gateway.AddClientAsync("politie-lms", "politie");

            // The running gateway knows the client the CLI registered, and serves it.
            var token = await gateway.TokenAsync("politie-lms", key);
            using var register = new HttpRequestMessage(HttpMethod.Post, "/v1/cases")
            {
                Content = JsonContent.Create(new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen over overlast" }),
            };
            register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            register.Headers.Add("Avz-Actor-Id", "wijkagent-17");
            register.Headers.Add("Avz-Actor-Role", "wijkagent");
            Assert.Equal(HttpStatusCode.Created, (await gateway.Http.SendAsync(register, TestContext.Current.CancellationToken)).StatusCode);

            var rotated = await gateway.CliAsync("keys", "rotate");
            Assert.True(rotated.Exit == 0, rotated.Error);
            Assert.Contains("re-wrapped 2 key(s)", rotated.Output, StringComparison.Ordinal);
            var printed = await gateway.CliAsync("audit", "key");
            Assert.Equal(vkey, printed.Output.Trim());
            var verified = await gateway.CliAsync("audit", "verify", "--key", vkey);
            Assert.True(verified.Exit == 0, verified.Output + verified.Error);
            Assert.Contains("The log verifies.", verified.Output, StringComparison.Ordinal);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AspNetCoreUrls_DecidesWhereTheGatewayListens()
    {
        // Issue 11: appsettings.json set Urls, which won over ASPNETCORE_URLS; deployment scripts expect the environment to win.
        var scratch = Directory.CreateTempSubdirectory("avz-urls-");
        try
        {
            using var gateway = new RealGateway(scratch.FullName);
            gateway.Environment["ASPNETCORE_URLS"] = gateway.Environment["Urls"];
            gateway.Environment.Remove("Urls");

            await gateway.StartAsync();

            Assert.Equal(HttpStatusCode.OK, (await gateway.Http.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
