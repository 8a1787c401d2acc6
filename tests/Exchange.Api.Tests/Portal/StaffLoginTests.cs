using System.Net;
using System.Text.Json;
using Avz.Audit;
using Avz.Identity;
using Avz.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Portal;

/// <summary>Staff log in to the portal with password and authenticator; each role reaches its own pages only; every login, refusal and search is an entry naming the account by id.</summary>
public sealed class StaffLoginTests
{
    [Fact]
    public async Task APasswordAlone_OpensNothing_TheAuthenticatorsCodeOpensTheSession_AndBothAreLogged()
    {
        await using var factory = new GatewayFactory();
        var log = factory.Services.GetRequiredService<AccessLog>();
        using var officer = await StaffSession.ForNewAccountAsync(factory, "fg@avz.example.nl", StaffRoles.PrivacyOfficer);

        var (_, second) = await officer.PostFormAsync("/portal/inloggen", new() { ["Email"] = officer.Enrolment.Email, ["Password"] = officer.Enrolment.Password });
        Assert.Contains("Code uit uw authenticator-app", second, StringComparison.Ordinal);
        var (_, stillOut, _) = await officer.GetAsync("/portal");
        Assert.Equal("/portal/inloggen", stillOut);

        var wrong = Totp.Code(officer.Enrolment.AuthenticatorKey, DateTimeOffset.UtcNow.AddMinutes(-10));
        var (_, refused) = await officer.PostFormAsync("/portal/inloggen/code", new() { ["Code"] = wrong });
        Assert.Contains("Deze code klopt niet", refused, StringComparison.Ordinal);
        var badCode = Last(log);
        Assert.Equal(("staff.login", "refused", "bad-second-factor", officer.Enrolment.Id), (Text(badCode, "action"), Text(badCode, "decision"), badCode.GetProperty("reasons")[0].GetString(), Text(badCode, "actor")));

        var (response, home) = await officer.PostFormAsync("/portal/inloggen/code", new() { ["Code"] = Totp.Code(officer.Enrolment.AuthenticatorKey, DateTimeOffset.UtcNow) });
        Assert.Equal("/portal", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("functionaris gegevensbescherming", home, StringComparison.Ordinal);
        var login = Last(log);
        Assert.Equal(("staff.login", "permitted", officer.Enrolment.Id, "privacy-officer"), (Text(login, "action"), Text(login, "decision"), login.GetProperty("targetStaff").GetProperty("id").GetString(), login.GetProperty("targetStaff").GetProperty("role").GetString()));
        Assert.Equal(("avz", "portal:" + officer.Enrolment.Id), (Text(login, "party"), Text(login, "client")));
        Assert.All(log.ReadLeaves(0, log.Size), l => Assert.DoesNotContain("fg@avz", System.Text.Encoding.UTF8.GetString(l.Leaf), StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachRole_ReachesItsOwnPagesOnly_AndEveryRefusalAndSearchIsAnEntry()
    {
        await using var factory = new GatewayFactory();
        var log = factory.Services.GetRequiredService<AccessLog>();
        using var officer = await StaffSession.ForNewAccountAsync(factory, "fg@avz.example.nl", StaffRoles.PrivacyOfficer);
        using var administrator = await StaffSession.ForNewAccountAsync(factory, "beheer@avz.example.nl", StaffRoles.Administrator);
        await officer.LogInAsync();
        await administrator.LogInAsync();

        var (status, _, hits) = await officer.GetAsync("/portal/logboek?zoek=1&actie=staff.login");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("2 treffer(s)", hits, StringComparison.Ordinal);
        var search = Last(log);
        Assert.Equal(("audit.search", officer.Enrolment.Id, "privacy-officer", "staff.login"), (Text(search, "action"), Text(search, "actor"), Text(search, "actorRole"), search.GetProperty("query").GetProperty("action").GetString()));

        var (deniedStatus, deniedPath, _) = await officer.GetAsync("/portal/beleid");
        Assert.Equal((HttpStatusCode.Forbidden, "/portal/geen-toegang"), (deniedStatus, deniedPath));
        var refusal = log.ReadLeaves(0, log.Size).Select(l => JsonDocument.Parse(l.Leaf).RootElement.Clone()).Last(e => Text(e, "action") == "access.refused");
        Assert.Equal((officer.Enrolment.Id, "portal:/Portal/Policies"), (Text(refusal, "actor"), Text(refusal, "operation")));

        var (contributionsStatus, _, contributions) = await administrator.GetAsync("/portal/bijdragen?totaal=58.358,50&jaar=2018");
        Assert.True(contributionsStatus == HttpStatusCode.OK, contributions);
        Assert.Contains("<td>22.943,10</td>", contributions, StringComparison.Ordinal);
        var (trendsStatus, _, trends) = await officer.GetAsync("/portal/trends");
        Assert.True(trendsStatus == HttpStatusCode.OK, trends);

        var (policiesStatus, _, policies) = await administrator.GetAsync("/portal/beleid");
        Assert.Equal(HttpStatusCode.OK, policiesStatus);
        Assert.Contains("sha256:", policies, StringComparison.Ordinal);
        Assert.Contains("actief", policies, StringComparison.Ordinal);
        foreach (var (staff, path) in new[]
        {
            (administrator, "/portal/logboek?zoek=1"), (administrator, "/portal/logboek/0"), (administrator, "/portal/overzicht"), (administrator, "/portal/inzage"),
            (administrator, "/portal/beoordelen"), (administrator, "/portal/integriteit"), (officer, "/portal/clients"), (officer, "/portal/bijdragen"), (officer, "/portal/beleid/avz-groningen/" + new string('0', 64)),
        })
        {
            var size = log.Size;
            var (answer, landed, _) = await staff.GetAsync(path);
            Assert.True((answer, landed) == (HttpStatusCode.Forbidden, "/portal/geen-toegang"), $"{staff.Enrolment.Role} on {path}: {answer} at {landed}");
            var refused = log.ReadLeaves(size, log.Size).Select(l => JsonDocument.Parse(l.Leaf).RootElement.Clone()).Single(e => Text(e, "action") == "access.refused");
            Assert.Equal(staff.Enrolment.Id, Text(refused, "actor"));
        }
    }

    [Fact]
    public async Task AnAuthenticatorCode_OpensOneSessionOnly()
    {
        await using var factory = new GatewayFactory();
        using var first = await StaffSession.ForNewAccountAsync(factory, "fg@avz.example.nl", StaffRoles.PrivacyOfficer);
        var code = Totp.Code(first.Enrolment.AuthenticatorKey, DateTimeOffset.UtcNow);
        var (opened, _) = await first.LogInAsync(code);
        Assert.Equal("/portal", opened.RequestMessage!.RequestUri!.AbsolutePath);

        // Someone who saw the code over the staff member's shoulder, within the same 30 seconds.
        using var second = StaffSession.For(StaffSession.Browser(factory), first.Enrolment);
        var (replayed, html) = await second.LogInAsync(code);
        Assert.Equal("/portal/inloggen/code", replayed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Deze code klopt niet", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightOne()
    {
        await using var factory = new GatewayFactory();
        var log = factory.Services.GetRequiredService<AccessLog>();
        using var administrator = await StaffSession.ForNewAccountAsync(factory, "beheer@avz.example.nl", StaffRoles.Administrator);
        for (var i = 0; i < 5; i++)
        {
            await administrator.PostFormAsync("/portal/inloggen", new() { ["Email"] = administrator.Enrolment.Email, ["Password"] = "niet-het-wachtwoord" });
        }

        var (_, html) = await administrator.PostFormAsync("/portal/inloggen", new() { ["Email"] = administrator.Enrolment.Email, ["Password"] = administrator.Enrolment.Password });
        Assert.Contains("geblokkeerd", html, StringComparison.Ordinal);
        Assert.Equal("locked-out", Last(log).GetProperty("reasons")[0].GetString());
        var reasons = log.ReadLeaves(0, log.Size).Select(l => JsonDocument.Parse(l.Leaf).RootElement.Clone()).Where(e => Text(e, "action") == "staff.login").Select(e => e.GetProperty("reasons")[0].GetString()).ToList();
        Assert.Equal(4, reasons.Count(r => r == "bad-credentials"));

        // An address no account has: the same answer, and no entry (it names nobody).
        var size = log.Size;
        var (_, unknown) = await administrator.PostFormAsync("/portal/inloggen", new() { ["Email"] = "niemand@avz.example.nl", ["Password"] = "wat-dan-ook-123" });
        Assert.Contains("Het e-mailadres of het wachtwoord klopt niet.", unknown, StringComparison.Ordinal);
        Assert.Equal(size, log.Size);
    }

    [Fact]
    public async Task TheSessionCookies_AreSecureHttpOnlyStrict_FormsNeedTheirAntiforgeryToken_AndThePagesAllowNoScript()
    {
        await using var factory = new GatewayFactory();
        using var officer = await StaffSession.ForNewAccountAsync(factory, "fg@avz.example.nl", StaffRoles.PrivacyOfficer);

        // By hand, without a cookie jar, to see each Set-Cookie.
        using var raw = new HttpClient(factory.Server.CreateHandler()) { BaseAddress = new Uri("https://localhost") };
        var page = await raw.GetAsync("/portal/inloggen", TestContext.Current.CancellationToken);
        Assert.Equal("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("avz-antiforgery=", StringComparison.Ordinal));
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);

        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/portal/inloggen")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = officer.Enrolment.Email, ["Password"] = officer.Enrolment.Password, ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var answer = await raw.SendAsync(post, TestContext.Current.CancellationToken);
        var twoFactor = answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("avz-staff-2fa=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", twoFactor, StringComparison.Ordinal);
        Assert.Contains("; httponly", twoFactor, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", twoFactor, StringComparison.Ordinal);
        Assert.Contains("; path=/portal", twoFactor, StringComparison.Ordinal);

        // A form posted without its antiforgery token is refused; no second step starts.
        var forged = await raw.PostAsync("/portal/inloggen", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = officer.Enrolment.Email, ["Password"] = officer.Enrolment.Password }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.TryGetValues("Set-Cookie", out var none) && none.Any(c => c.StartsWith("avz-staff", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task InDevelopment_ThreeDemoStaffAccounts_AreWrittenOwnerOnly_AndTheirFileLogsIn()
    {
        await using var factory = new GatewayFactory(environment: "Development");
        using var browser = StaffSession.Browser(factory);
        var files = Directory.GetFiles(Path.Combine(factory.DataDirectory, "dev-staff"), "*.txt").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["beheer-1@avz.example.nl.txt", "beheer-2@avz.example.nl.txt", "fg@avz.example.nl.txt"], files.Select(Path.GetFileName));
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in files)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }


        var values = File.ReadAllLines(files[0]).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var enrolment = new StaffEnrolment("", values["email"], values["role"], values["password"], values["authenticator-key"], values["authenticator-uri"], values["recovery-codes"].Split(' '));
        using var administrator = StaffSession.For(browser, enrolment);
        var (response, home) = await administrator.LogInAsync();
        Assert.Equal("/portal", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("beheerder", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnItsOwnPort_ThePortalAnswersThereOnly_AndThatPortServesNothingElse()
    {
        var scratch = Directory.CreateTempSubdirectory("avz-portal-port-");
        try
        {
            var portalPort = RealGateway.FreePort();
            using var gateway = RealGateway.Development(scratch.FullName);
            gateway.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{gateway.Port};http://127.0.0.1:{portalPort}";
            gateway.Environment["Portal__Port"] = portalPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await gateway.StartAsync();
            using var http = new HttpClient();
            async Task<HttpStatusCode> StatusAsync(int port, string path) =>
                (await http.GetAsync($"http://127.0.0.1:{port}{path}", TestContext.Current.CancellationToken)).StatusCode;

            Assert.Equal(HttpStatusCode.OK, await StatusAsync(portalPort, "/portal/inloggen"));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(portalPort, "/health/live"));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(portalPort, "/v1/policies"));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(gateway.Port, "/portal/inloggen"));
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(gateway.Port, "/toegankelijkheid"));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway.Port, "/v1/policies"));

            // The Host header decides nothing: the API's port with the portal's port in it still has no portal.
            using var spoofed = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{gateway.Port}/portal/inloggen");
            spoofed.Headers.Host = $"127.0.0.1:{portalPort}";
            Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(spoofed, TestContext.Current.CancellationToken)).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            scratch.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task OutsideDevelopment_ThePortalAnswersOverHttpsOnly()
    {
        await using var factory = new GatewayFactory();
        using var plain = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        var answer = await plain.GetAsync("/portal/inloggen", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("HTTPS", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/v1/policies", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task ThePortal_CanBeSwitchedOff()
    {
        await using var factory = new GatewayFactory(new() { ["Portal:Enabled"] = "false" });
        using var browser = StaffSession.Browser(factory);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/portal/inloggen", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/toegankelijkheid", TestContext.Current.CancellationToken)).StatusCode);
    }

    private static JsonElement Last(AccessLog log) => JsonDocument.Parse(log.ReadLeaf(log.Size - 1)!).RootElement.Clone();

    private static string? Text(JsonElement entry, string member) => entry.TryGetProperty(member, out var value) ? value.GetString() : null;
}
