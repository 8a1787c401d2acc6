using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests;

public sealed class RequestLimitTests
{
    [Fact]
    public async Task OversizedBody_IsRefusedWith413AndACode_BeforeAnythingReadsIt()
    {
        await using var factory = new GatewayFactory(new() { ["RequestLimits:MaxBodyBytes"] = "1024" });
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/connect/token", new StringContent(new string('a', 4096)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("AVZ-HTTP-0413", Code(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task ConnectionsOverTheLimit_AreClosedUnanswered_AndServedAgainOnceOneCloses()
    {
        await using var factory = new GatewayFactory(new() { ["RequestLimits:MaxConnections"] = "2" });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = new Uri(factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single());
        var cancel = TestContext.Current.CancellationToken;

        using var first = await OpenAsync(address, cancel);
        using var second = await OpenAsync(address, cancel);
        Assert.StartsWith("HTTP/1.1 200", await AskAsync(first, cancel), StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", await AskAsync(second, cancel), StringComparison.Ordinal);

        // Both are still open (keep-alive); a third is accepted by the socket and closed without an answer.
        using (var third = await OpenAsync(address, cancel))
        {
            Assert.Equal("", await AskAsync(third, cancel));
        }

        first.Dispose();
        string answer = "";
        for (var attempt = 0; attempt < 50 && answer.Length == 0; attempt++)
        {
            await Task.Delay(100, cancel);
            using var again = await OpenAsync(address, cancel);
            answer = await AskAsync(again, cancel);
        }

        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200", await AskAsync(second, cancel), StringComparison.Ordinal);
    }

    private static async Task<System.Net.Sockets.TcpClient> OpenAsync(Uri address, CancellationToken cancel)
    {
        var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(address.Host, address.Port, cancel);
        return client;
    }

    /// <summary>
    /// One keep-alive GET of the liveness probe: the whole response, or "" when the server closed the connection. Read to
    /// the response's end (its last chunk, or its Content-Length): a response that arrived in two segments once left its
    /// last chunk in the socket, and the next question on the connection read that instead of its own answer.
    /// </summary>
    private static async Task<string> AskAsync(System.Net.Sockets.TcpClient connection, CancellationToken cancel)
    {
        var stream = connection.GetStream();
        try
        {
            await stream.WriteAsync("GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray(), cancel);
            var buffer = new byte[4096];
            var response = new System.Text.StringBuilder();
            while (!Complete(response.ToString()))
            {
                var read = await stream.ReadAsync(buffer, cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancel);
                if (read == 0)
                {
                    break;
                }

                response.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            }

            return response.ToString();
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Whether an HTTP/1.1 response is all there: headers, then a last chunk or Content-Length bytes.</summary>
    private static bool Complete(string response)
    {
        var headersEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headersEnd < 0)
        {
            return false;
        }

        var headers = response[..headersEnd];
        var length = System.Text.RegularExpressions.Regex.Match(headers, @"(?im)^content-length:\s*(\d+)\s*$");
        return length.Success
            ? response.Length - (headersEnd + 4) >= int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : response.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnauthenticatedCallers_AreLimitedPerAddress()
    {
        await using var factory = new GatewayFactory(new() { ["RequestLimits:PermitsPerMinutePerAddress"] = "3" });
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync("/v1/audit/key", TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        // Health probes behind the flooded address still answer: a liveness probe must not fail because of a flood.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("/connect/token")]
    [InlineData("/v1/session")]
    public async Task AMadeUpAuthorizationHeader_DoesNotSwitchOffTheAddressLimit(string path)
    {
        // Finding 4: any Authorization header used to skip the per-address limit for unauthenticated calls.
        await using var factory = new GatewayFactory(new() { ["RequestLimits:PermitsPerMinutePerAddress"] = "3" });
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(path == "/connect/token" ? HttpMethod.Post : HttpMethod.Get, path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "x");
            if (path == "/connect/token")
            {
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "nobody" });
            }

            statuses.Add((await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task LoggedInStaff_UseTheirAccountsAllowance_NotTheirAddress_AndAForgedSessionCookieBuysNothing()
    {
        // Staff reach the portal with a cookie, not an Authorization header, often several from one office address:
        // the anonymous per-address window must not be what limits a logged-in privacy officer.
        await using var factory = new GatewayFactory(new() { ["RequestLimits:PermitsPerMinutePerAddress"] = "12", ["RequestLimits:PermitsPerMinutePerClient"] = "40" });
        using var officer = await Portal.StaffSession.ForNewAccountAsync(factory, "fg@avz.example.nl", Avz.Identity.StaffRoles.PrivacyOfficer);
        var (login, _) = await officer.LogInAsync();
        Assert.Equal("/portal", login.RequestMessage!.RequestUri!.AbsolutePath);

        // Twenty pages: more than the address's window, within the account's allowance.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/portal")).Status);
        }

        // A made-up session cookie is an anonymous call from that address: the address's window (partly used by the
        // login's pages) runs out.
        using var forger = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var forged = new List<HttpStatusCode>();
        for (var i = 0; i < 13; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/portal");
            request.Headers.Add("Cookie", "avz-staff=made-up");
            forged.Add((await forger.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, forged[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, forged[^1]);

        // The account's own allowance ends too.
        var more = new List<HttpStatusCode>();
        for (var i = 0; i < 25; i++)
        {
            more.Add((await officer.GetAsync("/portal")).Status);
        }

        Assert.Equal(HttpStatusCode.OK, more[0]);
        Assert.Equal(HttpStatusCode.TooManyRequests, more[^1]);
    }

    [Fact]
    public async Task EachClient_IsLimitedOnItsOwn()
    {
        await using var factory = new GatewayFactory(new() { ["RequestLimits:PermitsPerMinutePerClient"] = "2" });
        using var client = factory.CreateClient();
        var first = await Partners.TokenAsync(factory, client, "client-a", "gem-groningen");
        var second = await Partners.TokenAsync(factory, client, "client-b", "gem-delfzijl");

        var a = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            a.Add(await SessionAsync(client, first));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], a);
        Assert.Equal(HttpStatusCode.OK, await SessionAsync(client, second));
    }

    private static async Task<HttpStatusCode> SessionAsync(HttpClient client, string token)
    {
        var response = await Partners.SessionAsync(client, token);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.Equal("AVZ-HTTP-0429", Code(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        }

        return response.StatusCode;
    }

    private static string? Code(string body) => JsonDocument.Parse(body).RootElement.GetProperty("code").GetString();
}
