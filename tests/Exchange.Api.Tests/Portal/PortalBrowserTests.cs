using Avz.Testing;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Avz.Exchange.Api.Tests.Portal;

/// <summary>
/// The portal in a real browser: Debian's Chromium driven by Playwright against the real gateway (Development, its demo
/// staff accounts), logging in with the keyboard alone, refused without the second factor, and every page checked
/// against the WCAG 2.1 A and AA rules of axe-core. Nothing is downloaded: the browser is /usr/bin/chromium.
/// </summary>
[Collection(PortalBrowser.Name)]
public sealed class PortalBrowserTests(PortalBrowser portal)
{
    [Fact]
    public async Task APrivacyOfficer_LogsInWithPasswordAndCode_AndSearchesTheLog_WithTheKeyboardAlone()
    {
        var page = await portal.NewPageAsync();
        var officer = portal.Account("fg@avz.example.nl");
        await page.GotoAsync(portal.Url + "portal/inloggen");

        await TabToAsync(page, "email");
        await page.Keyboard.TypeAsync(officer["email"]);
        await TabToAsync(page, "password");
        await page.Keyboard.TypeAsync(officer["password"]);
        await page.Keyboard.PressAsync("Enter");
        await LandAsync(page, CodePage, "password", "by the keyboard");

        await TabToAsync(page, "code");
        await page.Keyboard.TypeAsync(await portal.FreshCodeAsync(officer));
        await page.Keyboard.PressAsync("Enter");
        await LandAsync(page, StartPage, "code", "by the keyboard");
        Assert.Contains("functionaris gegevensbescherming", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // To the log search by keyboard: the menu's link, then the form.
        await TabToAsync(page, null, "Logboek");
        await page.Keyboard.PressAsync("Enter");
        await LandAsync(page, new System.Text.RegularExpressions.Regex("/portal/logboek$"), "menu", "by the keyboard");
        await TabToAsync(page, "actie");
        await page.SelectOptionAsync("#actie", "staff.login");
        await TabToAsync(page, "partij");
        await page.Keyboard.TypeAsync("avz");
        await page.Keyboard.PressAsync("Enter");
        await LandAsync(page, new System.Text.RegularExpressions.Regex("/portal/logboek\\?"), "search", "by the keyboard");
        Assert.Matches("[1-9][0-9]* treffer", await page.InnerTextAsync("#treffers"));
        Assert.Contains("staff.login", await page.InnerTextAsync("table"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrators_UploadAPolicyWithAnError_SeeItsLine_ThenAValidOne_ReadItsDiffAndImpact_AndTheSecondApprovesAndActivates()
    {
        var first = await portal.NewPageAsync();
        await LogInAsync(first, portal.Account("beheer-1@avz.example.nl"));
        await first.GotoAsync(portal.Url + "portal/beleid");

        // A file with an error: not stored, the finding shown at its line with the line's text.
        var broken = Administration.PolicyAdministrationTests.Policy().Replace("    category: police-registrations\n    suppliers: [politie]\n    recipients: [kind:municipality]", "    category: police-reports\n    suppliers: [politie]\n    recipients: [kind:municipality]", StringComparison.Ordinal);
        await first.SetInputFilesAsync("#bestand", new FilePayload { Name = "fout.yaml", MimeType = "application/yaml", Buffer = System.Text.Encoding.UTF8.GetBytes(broken) });
        await first.ClickAsync("text=Uploaden en vergelijken");
        var findings = await first.InnerTextAsync("#bevindingen");
        Assert.Contains("niet opgeslagen: 1 bevinding", findings, StringComparison.Ordinal);
        Assert.Contains("police-reports", findings, StringComparison.Ordinal);
        var line = broken.Split('\n').Select((text, i) => (text, i)).First(l => l.text.Contains("id: pd-police-municipality", StringComparison.Ordinal)).i + 1;
        Assert.Equal(line.ToString(System.Globalization.CultureInfo.InvariantCulture), await first.InnerTextAsync("#bevindingen tbody tr td >> nth=0"));

        // A valid change: stored, its diff and impact on the page.
        await first.SetInputFilesAsync("#bestand", new FilePayload { Name = "wijziging.yaml", MimeType = "application/yaml", Buffer = System.Text.Encoding.UTF8.GetBytes(Administration.PolicyAdministrationTests.Changed()) });
        await first.ClickAsync("text=Uploaden en vergelijken");
        await LandAsync(first, new System.Text.RegularExpressions.Regex("/portal/beleid/avz-groningen/"), "upload", "the valid policy");
        var versionUrl = first.Url;
        Assert.Contains("wacht op goedkeuring", await first.InnerTextAsync("dl"), StringComparison.Ordinal);
        var diff = await first.InnerTextAsync("table[aria-labelledby=verschil]");
        Assert.Contains("incident-type, registered-on", diff, StringComparison.Ordinal);
        Assert.Contains("care-provider, in-treatment", diff, StringComparison.Ordinal);
        Assert.Contains("26 cellen veranderen", await first.InnerTextAsync("main"), StringComparison.Ordinal);

        // Four eyes: the uploader cannot approve it; a second administrator can, and activates it.
        await first.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Goedkeuren (tweede beheerder)" }).ClickAsync();
        Assert.Contains("Vier ogen", await first.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
        var second = await portal.NewPageAsync();
        await LogInAsync(second, portal.Account("beheer-2@avz.example.nl"));
        await second.GotoAsync(versionUrl);
        await second.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Goedkeuren (tweede beheerder)" }).ClickAsync();
        await second.Locator("[role=status]").Filter(new LocatorFilterOptions { HasText = "Goedgekeurd" }).WaitForAsync();
        await second.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Activeren", Exact = true }).ClickAsync();
        await second.Locator("[role=status]").Filter(new LocatorFilterOptions { HasText = "Geactiveerd" }).WaitForAsync();
        Assert.Contains("actief", await second.InnerTextAsync("dl"), StringComparison.Ordinal);

        // The gateway decides with it at once.
        using var http = new HttpClient();
        var active = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(portal.Url + "v1/policies", TestContext.Current.CancellationToken)).RootElement[0].GetProperty("versionHash").GetString();
        Assert.EndsWith(active!["sha256:".Length..], versionUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APrivacyOfficer_MakesTheSubjectReportForTheJourneysBsn_OnScreenAndAsCsv()
    {
        var page = await portal.NewPageAsync();
        await LogInAsync(page, portal.Account("fg@avz.example.nl"));
        await page.GotoAsync(portal.Url + "portal/inzage");
        await page.FillAsync("#bsn", "123456789");
        await page.ClickAsync("text=Rapport maken");
        Assert.Contains("geen geldig BSN", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);

        await page.FillAsync("#bsn", PortalBrowser.Bsn);
        await page.ClickAsync("text=Rapport maken");
        Assert.DoesNotContain(PortalBrowser.Bsn, page.Url, StringComparison.Ordinal);
        var table = await page.InnerTextAsync("table[aria-labelledby=rapport]");
        Assert.Contains("case.register", table, StringComparison.Ordinal);
        Assert.Contains("information.emergency", table, StringComparison.Ordinal);
        Assert.Contains("Gemeente Groningen", table, StringComparison.Ordinal);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Als CSV downloaden"));
        Assert.Equal("inzage.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.StartsWith("index,time,party,organisation,role,action,decision,purpose,legal_basis,released,withheld,emergency", csv, StringComparison.Ordinal);
        Assert.Contains("information.emergency", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APrivacyOfficer_GivesAVerdictOnTheEmergencyAccess()
    {
        var page = await portal.NewPageAsync();
        await LogInAsync(page, portal.Account("fg@avz.example.nl"));
        await page.GotoAsync(portal.Url + "portal/beoordelen");
        var section = page.Locator("section").Filter(new LocatorFilterOptions { HasText = "information.emergency" });
        Assert.Contains("noodtoegang", await section.InnerTextAsync(), StringComparison.Ordinal);
        await section.GetByLabel("Terecht", new LocatorGetByLabelOptions { Exact = true }).CheckAsync();
        await section.GetByLabel("Toelichting").FillAsync("Acuut gevaar, bevestigd door de procesregisseur.");
        await section.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Oordeel vastleggen" }).ClickAsync();
        await page.Locator("[role=status]").Filter(new LocatorFilterOptions { HasText = "vastgelegd: terecht" }).WaitForAsync();
        Assert.Contains("Stand: terecht", await page.Locator("section").Filter(new LocatorFilterOptions { HasText = "information.emergency" }).InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministrator_RegistersAPartnerSystemWithItsKeys_AndDisablesIt()
    {
        var page = await portal.NewPageAsync();
        await LogInAsync(page, portal.Account("beheer-1@avz.example.nl"));
        await page.GotoAsync(portal.Url + "portal/clients");
        var (privateKey, _) = Avz.Identity.ClientAssertions.NewKeyPair("zorgsysteem-1");
        var jwks = System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { new { kty = privateKey.Kty, crv = privateKey.Crv, x = privateKey.X, y = privateKey.Y, kid = privateKey.Kid } } });
        await page.SelectOptionAsync("#partij", "lentis");
        await page.FillAsync("#clientid", "lentis-epd");
        await page.FillAsync("#jwks", jwks);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Registreren" }).ClickAsync();
        await page.Locator("[role=status]").Filter(new LocatorFilterOptions { HasText = "lentis-epd geregistreerd" }).WaitForAsync();

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Blokkeren lentis-epd" }).ClickAsync();
        await page.Locator("[role=status]").Filter(new LocatorFilterOptions { HasText = "lentis-epd geblokkeerd" }).WaitForAsync();
        Assert.Contains("geblokkeerd", await page.Locator("tr").Filter(new LocatorFilterOptions { HasText = "lentis-epd" }).InnerTextAsync(), StringComparison.Ordinal);

        // Staff clients are not offered for blocking here: the house's demo administrators stay untouchable.
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Blokkeren dev-admin-1" }).CountAsync());
    }

    [Fact]
    public async Task APasswordWithoutTheSecondFactor_IsNotASession()
    {
        var page = await portal.NewPageAsync();
        var administrator = portal.Account("beheer-2@avz.example.nl");
        await PasswordStepAsync(page, administrator);

        await page.GotoAsync(portal.Url + "portal/beleid");
        Assert.EndsWith("/portal/inloggen?terug=%2Fportal%2Fbeleid", page.Url, StringComparison.Ordinal);

        // The second step is still open, and a wrong code does not finish it.
        await page.GotoAsync(portal.Url + "portal/inloggen/code");
        await page.FillAsync("#code", "000000");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("Deze code klopt niet", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
        await page.GotoAsync(portal.Url + "portal");
        Assert.Contains("/portal/inloggen", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPage_HasNoViolationOfTheWcag21AAndAARules()
    {
        var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } };
        var screenshots = Environment.GetEnvironmentVariable("AVZ_PORTAL_SCREENSHOTS");
        var checkedPages = new List<string>();
        async Task CheckAsync(IPage page, string name)
        {
            var result = await page.RunAxe(options);
            Assert.True(result.Violations.Length == 0, $"{name}: " + string.Join("; ", result.Violations.Select(v => $"{v.Id} ({v.Help}) at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
            checkedPages.Add(name);
            if (screenshots is { Length: > 0 })
            {
                // docs/portal's pictures: AVZ_PORTAL_SCREENSHOTS=docs/portal dotnet test --filter-method "*EveryPage_*".
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, name.Replace(' ', '-') + ".png"), FullPage = true });
            }
        }

        // The checker itself finds what it should: a page made to fail (an image without text, no language) fails.
        var probe = await portal.NewPageAsync();
        await probe.SetContentAsync("<!DOCTYPE html><html><head><title>proef</title></head><body><main><img src=\"x.png\"></main></body></html>");
        var probed = await probe.RunAxe(options);
        Assert.Contains(probed.Violations, v => v.Id == "image-alt");
        Assert.Contains(probed.Violations, v => v.Id == "html-has-lang");

        var page = await portal.NewPageAsync();
        await page.GotoAsync(portal.Url + "toegankelijkheid");
        await CheckAsync(page, "toegankelijkheid");
        await page.GotoAsync(portal.Url + "portal/inloggen");
        await CheckAsync(page, "inloggen");
        await page.FillAsync("#email", "niemand@avz.example.nl");
        await page.FillAsync("#password", "verkeerd-wachtwoord");
        await page.ClickAsync("button[type=submit]");

        // The checker runs on the page the answer loaded, not on the one being left: run during the navigation, axe
        // found no document (seen once in CI: "Cannot read properties of null (reading 'documentElement')").
        await page.Locator("[role=alert]").Filter(new LocatorFilterOptions { HasText = "klopt niet" }).WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        await CheckAsync(page, "inloggen met melding");

        var officer = portal.Account("fg@avz.example.nl");
        await PasswordStepAsync(page, officer);
        await CheckAsync(page, "inloggen code");
        await CodeStepAsync(page, officer);
        await CheckAsync(page, "start functionaris");
        await page.GotoAsync(portal.Url + "portal/logboek?zoek=1");
        await CheckAsync(page, "logboek met treffers");
        await page.ClickAsync("table a");
        await page.Locator("[role=status]").Filter(new LocatorFilterOptions { HasText = "Bewezen" }).WaitForAsync();
        await CheckAsync(page, "vermelding");
        await page.GotoAsync(portal.Url + "portal/inzage");
        await page.FillAsync("#bsn", PortalBrowser.Bsn);
        await page.ClickAsync("text=Rapport maken");
        await page.Locator("#rapport").WaitForAsync();
        await CheckAsync(page, "inzageverzoek");
        await page.GotoAsync(portal.Url + "portal/beoordelen");
        await CheckAsync(page, "beoordelen");
        await page.GotoAsync(portal.Url + "portal/overzicht");
        await CheckAsync(page, "overzicht");
        await page.GotoAsync(portal.Url + "portal/integriteit");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Volledig controleren" }).ClickAsync();
        await page.Locator("progress").WaitForAsync();
        await CheckAsync(page, "integriteit");
        await page.GotoAsync(portal.Url + "portal/trends");
        await page.Locator("table caption").First.WaitForAsync();
        await CheckAsync(page, "trends");
        await page.GotoAsync(portal.Url + "portal/beleid");
        await CheckAsync(page, "geen toegang");

        var admin = await portal.NewPageAsync();
        await LogInAsync(admin, portal.Account("beheer-1@avz.example.nl"));
        await admin.GotoAsync(portal.Url + "portal/beleid");
        await CheckAsync(admin, "beleid");
        await admin.ClickAsync("table a");
        await admin.Locator("#verschil").WaitForAsync();
        await CheckAsync(admin, "beleidsversie");
        await admin.GotoAsync(portal.Url + "portal/clients");
        await CheckAsync(admin, "partnersystemen");
        await admin.GotoAsync(portal.Url + "portal/bijdragen");
        await admin.FillAsync("#totaal", "58.358,50");
        await admin.FillAsync("#jaar", "2018");
        await admin.ClickAsync("text=Verdelen");
        await admin.Locator("td", new PageLocatorOptions { HasTextString = "22.943,10" }).WaitForAsync();
        await CheckAsync(admin, "bijdragen");
        Assert.Equal(17, checkedPages.Count);
    }

    /// <summary>The login's second step, where the authenticator's code is asked.</summary>
    private static readonly System.Text.RegularExpressions.Regex CodePage = new("/portal/inloggen/code$");

    /// <summary>The start page a completed login lands on.</summary>
    private System.Text.RegularExpressions.Regex StartPage => new("^" + System.Text.RegularExpressions.Regex.Escape(portal.Url + "portal") + "$");

    private async Task LogInAsync(IPage page, IReadOnlyDictionary<string, string> account)
    {
        await PasswordStepAsync(page, account);
        await CodeStepAsync(page, account);
    }

    /// <summary>The first step: address and password, landing on the code page.</summary>
    private async Task PasswordStepAsync(IPage page, IReadOnlyDictionary<string, string> account)
    {
        await page.GotoAsync(portal.Url + "portal/inloggen");
        await page.FillAsync("#email", account["email"]);
        await page.FillAsync("#password", account["password"]);
        var submitted = DateTimeOffset.UtcNow;
        await page.ClickAsync("button[type=submit]");
        await LandAsync(page, CodePage, "password", $"submitted at {submitted:O}");
    }

    /// <summary>The second step: the authenticator's code, landing on the start page.</summary>
    private async Task CodeStepAsync(IPage page, IReadOnlyDictionary<string, string> account)
    {
        var code = await portal.FreshCodeAsync(account);
        await page.FillAsync("#code", code);
        var submitted = DateTimeOffset.UtcNow;
        await page.ClickAsync("button[type=submit]");
        await LandAsync(page, StartPage, "code", $"code submitted at {submitted:O} (second {submitted.ToUnixTimeSeconds() % 30} of its 30-second step)");
    }

    /// <summary>
    /// Waits to land on the step's next page. With <c>WaitForURLAsync</c> a one-off timeout was seen in each login step
    /// while the page was already at the address waited for (its diagnostics said so): Playwright .NET checks the
    /// address and then subscribes to the navigation events, and an event delivered in between is lost
    /// (microsoft/playwright-dotnet#3364, open). <c>ToHaveURLAsync</c> polls the address instead, with the same 30 s; a
    /// timeout still says where the page is, what it says, and when the step was sent.
    /// </summary>
    private static async Task LandAsync(IPage page, System.Text.RegularExpressions.Regex url, string step, string sent)
    {
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(url, new PageAssertionsToHaveURLOptions { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            var alert = await page.Locator("[role=alert]").AllTextContentsAsync();
            throw new TimeoutException($"After the {step} step the page is at {page.Url}, alert: '{string.Join(" ", alert)}'; {sent}, now {DateTimeOffset.UtcNow:O}.", e);
        }
    }

    /// <summary>Presses Tab until the field with the id (or the link with the text) has the focus; fails after 30 presses.</summary>
    private static async Task TabToAsync(IPage page, string? id, string? linkText = null)
    {
        for (var presses = 0; presses < 30; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => (document.activeElement.id || '') + '|' + (document.activeElement.tagName === 'A' ? document.activeElement.textContent.trim() : '')");
            var parts = focused.Split('|');
            if ((id is not null && parts[0] == id) || (linkText is not null && parts[1] == linkText))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {id ?? linkText}.");
    }
}
