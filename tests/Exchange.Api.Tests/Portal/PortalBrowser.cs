using Microsoft.Playwright;

namespace Avz.Exchange.Api.Tests.Portal;

[CollectionDefinition(PortalBrowser.Name)]
public sealed class PortalBrowserTestGroup : ICollectionFixture<PortalBrowser>
{
}

/// <summary>
/// One real gateway in Development (with its demo staff accounts) and one headless Chromium for the portal's browser
/// tests; each test opens fresh browser contexts, so no cookie crosses tests. Skipped, saying why, where Debian's
/// chromium package is not installed (CI installs it).
/// </summary>
public sealed class PortalBrowser : IAsyncLifetime
{
    public const string Name = "portal-browser";

    /// <summary>Debian's Chromium; Playwright downloads nothing.</summary>
    public const string Chromium = "/usr/bin/chromium";

    private readonly DirectoryInfo scratch = Directory.CreateTempSubdirectory("avz-portal-");
    private readonly List<IBrowserContext> contexts = [];
    private RealGateway? gateway;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The gateway's address, with a trailing slash.</summary>
    public string Url => $"http://127.0.0.1:{gateway!.Port}/";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            return;
        }

        gateway = RealGateway.Development(scratch.FullName);
        await gateway.StartAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>A page in a fresh browser context (its own cookies).</summary>
    public async Task<IPage> NewPageAsync()
    {
        Assert.SkipUnless(browser is not null, $"The portal's browser tests need Debian's chromium package at {Chromium} (apt-get install chromium); CI installs it.");
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "nl-NL" });
        contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>A demo staff account's enrolment, as the gateway wrote it to .avz/dev-staff.</summary>
    public IReadOnlyDictionary<string, string> Account(string email) =>
        File.ReadAllLines(Path.Combine(scratch.FullName, ".avz", "dev-staff", email + ".txt")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        gateway?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scratch.Delete(recursive: true);
    }
}
