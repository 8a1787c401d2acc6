using System.Net;
using System.Text.RegularExpressions;
using Avz.Identity;
using Avz.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Portal;

/// <summary>A staff member's browser without a browser: a cookie jar over HTTPS, forms posted with their antiforgery token.</summary>
internal sealed partial class StaffSession : IDisposable
{
    private StaffSession(HttpClient client, StaffEnrolment enrolment)
    {
        Client = client;
        Enrolment = enrolment;
    }

    public HttpClient Client { get; }

    public StaffEnrolment Enrolment { get; }

    /// <summary>Creates an account (as <c>avz staff add</c> does) and a browser for its owner, not yet logged in.</summary>
    public static async Task<StaffSession> ForNewAccountAsync(GatewayFactory factory, string email, string role)
    {
        StaffEnrolment enrolment;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            enrolment = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAsync(email, role);
        }

        return new StaffSession(Browser(factory), enrolment);
    }

    /// <summary>A browser for an account created elsewhere.</summary>
    public static StaffSession For(HttpClient browser, StaffEnrolment enrolment) => new(browser, enrolment);

    /// <summary>A browser on the gateway: HTTPS (the cookies are Secure outside Development), following redirects.</summary>
    public static HttpClient Browser(GatewayFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = true, HandleCookies = true });

    /// <summary>Password, then the authenticator's code now; the page the session ends on.</summary>
    public async Task<(HttpResponseMessage Response, string Html)> LogInAsync(string? code = null)
    {
        await PostFormAsync("/portal/inloggen", new() { ["Email"] = Enrolment.Email, ["Password"] = Enrolment.Password });
        return await PostFormAsync("/portal/inloggen/code", new() { ["Code"] = code ?? Totp.Code(Enrolment.AuthenticatorKey, DateTimeOffset.UtcNow) });
    }

    /// <summary>Gets a page's form, then posts it with the fields and the form's antiforgery token.</summary>
    public async Task<(HttpResponseMessage Response, string Html)> PostFormAsync(string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var form = await Client.GetStringAsync(formPage ?? path, TestContext.Current.CancellationToken);
        fields["__RequestVerificationToken"] = TokenPattern().Match(form).Groups[1].Value;
        var response = await Client.PostAsync(path, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async Task<(HttpStatusCode Status, string Path, string Html)> GetAsync(string path)
    {
        var response = await Client.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, response.RequestMessage!.RequestUri!.AbsolutePath, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
