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
        await JourneyAsync();
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

    /// <summary>The BSN of the journey's person.</summary>
    public const string Bsn = "111222333";

    /// <summary>
    /// What a privacy officer later looks into, through the partner API with the demo clients: the municipality
    /// registers a case, the house admits the police, the police supply, the municipality requests and then uses its
    /// emergency override.
    /// </summary>
    private async Task JourneyAsync()
    {
        async Task<System.Text.Json.JsonElement> CallAsync(string client, HttpMethod method, string path, object? body = null)
        {
            var key = Avz.Exchange.Client.ClientKey.FromJwkFile(Path.Combine(scratch.FullName, ".avz", "dev-clients", client + ".jwk"));
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = client,
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = Avz.Exchange.Client.ClientAssertion.Create(client, new Uri(Url), key, DateTimeOffset.UtcNow),
                ["scope"] = "exchange",
            });
            var token = System.Text.Json.JsonDocument.Parse(await (await gateway!.Http.PostAsync("connect/token", form)).Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Avz-Actor-Id", "demo-user");
            request.Headers.Add("Avz-Actor-Role", "casemanager");
            var response = await gateway.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode ? System.Text.Json.JsonDocument.Parse(text).RootElement.Clone() : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
        }

        var id = (await CallAsync("dev-gem-groningen", HttpMethod.Post, "v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = Bsn, reason = "Zorgen over overlast" })).GetProperty("id").GetString();
        await CallAsync("dev-avz", HttpMethod.Post, $"v1/cases/{id}/participants", new { party = "politie" });
        await CallAsync("dev-politie", HttpMethod.Post, $"v1/cases/{id}/information", new { category = "police-registrations", fields = new Dictionary<string, object> { ["incident-type"] = "overlast" } });
        await CallAsync("dev-gem-groningen", HttpMethod.Get, $"v1/cases/{id}/information");
        await CallAsync("dev-gem-groningen", HttpMethod.Post, $"v1/cases/{id}/information/emergency", new { justification = "Acuut gevaar: dreigende escalatie in de woning, overleg nu nodig." });
    }

    private readonly Dictionary<string, string> lastCodes = [];

    /// <summary>
    /// The account's authenticator code now, unless this run used it already: the gateway takes each code once (a
    /// replayed code is refused), so a second login within the same 30 seconds waits for the next code, as a person would.
    /// </summary>
    public async Task<string> FreshCodeAsync(IReadOnlyDictionary<string, string> account)
    {
        var key = account["authenticator-key"];
        var code = Avz.Testing.Totp.Code(key, DateTimeOffset.UtcNow);
        lock (lastCodes)
        {
            if (!lastCodes.TryGetValue(account["email"], out var last) || last != code)
            {
                lastCodes[account["email"]] = code;
                return code;
            }
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await Task.Delay(TimeSpan.FromSeconds(30 - (now % 30) + 1));
        return await FreshCodeAsync(account);
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
