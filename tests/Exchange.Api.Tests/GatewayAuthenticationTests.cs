using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Validation;

namespace Avz.Exchange.Api.Tests;

/// <summary>
/// The API's calls are not offered to OpenIddict's server, whose endpoints all lie outside <c>/v1</c>; every request
/// handler else sees each call once, and OpenIddict's endpoints work as before.
/// </summary>
public sealed class GatewayAuthenticationTests
{
    [Fact]
    public async Task EveryCall_MeetsTheRequestHandlersOnce_AndTheTokenEndpointStillAnswers()
    {
        var probe = new Probe();
        await using var factory = new GatewayFactory
        {
            ExtraServices = services =>
            {
                services.AddSingleton(probe);
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ProbeHandler>("probe", _ => { });
            },
        };
        var cancel = TestContext.Current.CancellationToken;
        using var client = factory.CreateClient();

        // An API call, unauthenticated: refused with OpenIddict validation's challenge (RFC 6750), offered to the other
        // request handlers once: not twice, as it would be if WebApplication added a second authentication middleware
        // at the start of the pipeline (it does when UseAuthentication's mark is missing).
        var session = await client.GetAsync("/v1/session", cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, session.StatusCode);
        Assert.Contains("Bearer", session.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, probe.Calls);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", cancel)).StatusCode);
        Assert.Equal(2, probe.Calls);

        // The token endpoint is OpenIddict's server at work: a form without a grant gets OpenIddict's own answer.
        var token = await client.PostAsync("/connect/token", new FormUrlEncodedContent([]), cancel);
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.Contains("invalid_request", await token.Content.ReadAsStringAsync(cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARememberedToken_SparesOpenIddictsRequestPipeline_WhichRunsOnceWhenOpenIddictIsNeeded()
    {
        var pipeline = new Probe();
        await using var factory = new GatewayFactory
        {
            ExtraServices = services => services.AddOpenIddict().AddValidation(validation => validation
                .AddEventHandler<OpenIddictValidationEvents.ProcessRequestContext>(handler => handler
                    .UseInlineHandler(_ =>
                    {
                        pipeline.Count();
                        return default;
                    })
                    .SetOrder(int.MaxValue))),
        };
        var cancel = TestContext.Current.CancellationToken;
        using var client = factory.CreateClient();
        var token = await Partners.TokenAsync(factory, client, "om-system", "om");
        var runs = pipeline.Calls;

        // First call: OpenIddict validates the token, after its request pipeline prepared the transaction it needs.
        Assert.Equal(HttpStatusCode.OK, (await Partners.SessionAsync(client, token)).StatusCode);
        Assert.Equal(runs + 1, pipeline.Calls);

        // The token is remembered: OpenIddict is not needed, and its pipeline does not run.
        Assert.Equal(HttpStatusCode.OK, (await Partners.SessionAsync(client, token)).StatusCode);
        Assert.Equal(runs + 1, pipeline.Calls);

        // No token: OpenIddict finds none and challenges (RFC 6750), with one run of its pipeline for both.
        var anonymous = await Partners.SessionAsync(client, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Bearer", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(runs + 2, pipeline.Calls);

        // The remembered token without the scope of the audit search: OpenIddict refuses it (RFC 6750's 403), after
        // its pipeline ran for that refusal alone.
        using var search = new HttpRequestMessage(HttpMethod.Get, "/v1/audit/search?case=" + Guid.NewGuid());
        search.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var refused = await client.SendAsync(search, cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("insufficient_access", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(runs + 3, pipeline.Calls);
    }

    [Fact]
    public async Task UnauthenticatedCalls_LeaveNoLogLinePerCall()
    {
        // A caller without a token could otherwise fill the log: the challenge is not logged, as OpenIddict's was not.
        var capture = new LogCapture();
        await using var factory = new GatewayFactory { ExtraServices = s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(capture) };
        using var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Partners.SessionAsync(client, null)).StatusCode);
        }

        Assert.DoesNotContain("was challenged", capture.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoOpenIddictEndpoint_LiesUnderTheApiPath()
    {
        await using var factory = new GatewayFactory();
        var server = factory.Services.GetRequiredService<IOptions<OpenIddict.Server.OpenIddictServerOptions>>().Value;
        var endpoints = typeof(OpenIddict.Server.OpenIddictServerOptions).GetProperties()
            .Where(p => p.Name.EndsWith("EndpointUris", StringComparison.Ordinal) && p.PropertyType == typeof(List<Uri>))
            .SelectMany(p => (List<Uri>)p.GetValue(server)!)
            .ToList();

        Assert.Contains(endpoints, uri => uri.OriginalString == "/connect/token");
        Assert.All(endpoints, uri => Assert.False(
            new Microsoft.AspNetCore.Http.PathString("/" + uri.OriginalString.TrimStart('/')).StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) || uri.IsAbsoluteUri,
            $"OpenIddict endpoint {uri} lies under /v1, where the API skips OpenIddict's request handlers"));
        await Task.CompletedTask;
    }

    public sealed class Probe
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public void Count() => Interlocked.Increment(ref calls);
    }

    /// <summary>A request handler that only counts the calls it is offered.</summary>
    private sealed class ProbeHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Probe probe)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder), IAuthenticationRequestHandler
    {
        public Task<bool> HandleRequestAsync()
        {
            probe.Count();
            return Task.FromResult(false);
        }

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
