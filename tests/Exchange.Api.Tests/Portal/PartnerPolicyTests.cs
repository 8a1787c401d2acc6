using System.Net;
using System.Text.RegularExpressions;
using Avz.Identity;
using Avz.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Portal;

/// <summary>
/// The partner API's policies name no authentication scheme: they judge the user the default scheme found, which must
/// stay the bearer scheme. A staff member's valid portal session, sent to the partner API by hand, opens nothing there.
/// </summary>
public sealed partial class PartnerPolicyTests
{
    [Fact]
    public async Task TheDefaultScheme_IsTheBearerScheme_ForEveryStep()
    {
        await using var factory = new GatewayFactory();
        _ = factory.CreateClient();
        var schemes = factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Equal(CachedBearerHandler.SchemeName, (await schemes.GetDefaultAuthenticateSchemeAsync())?.Name);
        Assert.Equal(CachedBearerHandler.SchemeName, (await schemes.GetDefaultChallengeSchemeAsync())?.Name);
        Assert.Equal(CachedBearerHandler.SchemeName, (await schemes.GetDefaultForbidSchemeAsync())?.Name);
    }

    [Fact]
    public async Task AStaffSessionCookie_OpensThePortal_ButNoPartnerCall()
    {
        await using var factory = new GatewayFactory();
        using var officer = await StaffSession.ForNewAccountAsync(factory, "fg@avz.example.nl", StaffRoles.PrivacyOfficer);
        using var raw = new HttpClient(factory.Server.CreateHandler()) { BaseAddress = new Uri("https://localhost") };
        var cancel = TestContext.Current.CancellationToken;

        // Logged in by hand, to hold the session cookie itself.
        var (antiforgery, token) = await FormAsync(raw, "/portal/inloggen", null);
        var twoFactor = CookieOf(await PostAsync(raw, "/portal/inloggen", antiforgery, new() { ["Email"] = officer.Enrolment.Email, ["Password"] = officer.Enrolment.Password, ["__RequestVerificationToken"] = token }), "avz-staff-2fa");
        var (_, codeToken) = await FormAsync(raw, "/portal/inloggen/code", $"{antiforgery}; {twoFactor}");
        var session = CookieOf(await PostAsync(raw, "/portal/inloggen/code", $"{antiforgery}; {twoFactor}", new() { ["Code"] = Totp.Code(officer.Enrolment.AuthenticatorKey, DateTimeOffset.UtcNow), ["__RequestVerificationToken"] = codeToken }), Avz.Exchange.Portal.PortalPaths.SessionCookie);

        using (var page = new HttpRequestMessage(HttpMethod.Get, "/portal/logboek"))
        {
            page.Headers.Add("Cookie", session);
            Assert.Equal(HttpStatusCode.OK, (await raw.SendAsync(page, cancel)).StatusCode);
        }

        foreach (var path in (string[])["/v1/session", $"/v1/cases/{Guid.NewGuid()}/information", "/v1/audit/entries/0", "/v1/audit/reviews"])
        {
            using var call = new HttpRequestMessage(HttpMethod.Get, path);
            call.Headers.Add("Cookie", session);
            call.Headers.Add("Avz-Actor-Id", "fg-1");
            call.Headers.Add("Avz-Actor-Role", "functionaris-gegevensbescherming");
            var answer = await raw.SendAsync(call, cancel);
            Assert.True(answer.StatusCode == HttpStatusCode.Unauthorized, $"{path}: {(int)answer.StatusCode}");
            Assert.StartsWith("Bearer", answer.Headers.WwwAuthenticate.Single().Scheme, StringComparison.Ordinal);
        }
    }

    private static async Task<(string Cookie, string Token)> FormAsync(HttpClient raw, string path, string? cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        var page = await raw.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = TokenPattern().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"no form on {path}: {(int)page.StatusCode}");
        return (page.Headers.TryGetValues("Set-Cookie", out var set) ? CookieOf(set, "avz-antiforgery") : "", token);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient raw, string path, string cookies, Dictionary<string, string> fields)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", cookies);
        return await raw.SendAsync(post, TestContext.Current.CancellationToken);
    }

    private static string CookieOf(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var set) ? CookieOf(set, name) : throw new Xunit.Sdk.XunitException($"{name}: no Set-Cookie, {(int)response.StatusCode}");

    private static string CookieOf(IEnumerable<string> set, string name) =>
        set.Select(c => c.Split(';')[0]).Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
