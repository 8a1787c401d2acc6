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
        await page.WaitForURLAsync("**/portal/inloggen/code");

        await TabToAsync(page, "code");
        await page.Keyboard.TypeAsync(Totp.Code(officer["authenticator-key"], DateTimeOffset.UtcNow));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(portal.Url + "portal");
        Assert.Contains("functionaris gegevensbescherming", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // To the log search by keyboard: the menu's link, then the form.
        await TabToAsync(page, null, "Logboek");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/portal/logboek");
        await TabToAsync(page, "actie");
        await page.SelectOptionAsync("#actie", "staff.login");
        await TabToAsync(page, "partij");
        await page.Keyboard.TypeAsync("avz");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/portal/logboek?**");
        Assert.Matches("[1-9][0-9]* treffer", await page.InnerTextAsync("#treffers"));
        Assert.Contains("staff.login", await page.InnerTextAsync("table"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasswordWithoutTheSecondFactor_IsNotASession()
    {
        var page = await portal.NewPageAsync();
        var administrator = portal.Account("beheer-2@avz.example.nl");
        await page.GotoAsync(portal.Url + "portal/inloggen");
        await page.FillAsync("#email", administrator["email"]);
        await page.FillAsync("#password", administrator["password"]);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/portal/inloggen/code");

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
        await CheckAsync(page, "inloggen met melding");

        var officer = portal.Account("fg@avz.example.nl");
        await LogInAsync(page, officer);
        await CheckAsync(page, "start functionaris");
        await page.GotoAsync(portal.Url + "portal/logboek?zoek=1");
        await CheckAsync(page, "logboek met treffers");
        await page.GotoAsync(portal.Url + "portal/beleid");
        await CheckAsync(page, "geen toegang");

        var admin = await portal.NewPageAsync();
        await LogInAsync(admin, portal.Account("beheer-1@avz.example.nl"));
        await admin.GotoAsync(portal.Url + "portal/beleid");
        await CheckAsync(admin, "beleid");
        Assert.Equal(7, checkedPages.Count);
    }

    private async Task LogInAsync(IPage page, IReadOnlyDictionary<string, string> account)
    {
        await page.GotoAsync(portal.Url + "portal/inloggen");
        await page.FillAsync("#email", account["email"]);
        await page.FillAsync("#password", account["password"]);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/portal/inloggen/code");
        await page.FillAsync("#code", Totp.Code(account["authenticator-key"], DateTimeOffset.UtcNow));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(portal.Url + "portal");
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
