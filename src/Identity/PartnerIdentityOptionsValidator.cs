using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Avz.Identity;

/// <summary>
/// Stops the start on identity settings that cannot work, with <see cref="PartnerIdentityOptions.Problems"/>'s
/// sentences; outside Development also without a fixed issuer.
/// </summary>
internal sealed class PartnerIdentityOptionsValidator(IHostEnvironment environment) : IValidateOptions<PartnerIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, PartnerIdentityOptions options)
    {
        var problems = options.Problems().ToList();

        // Note: without a fixed issuer OpenIddict takes it from the request's Host header, so a token request naming
        // Host: evil.example with an assertion for aud http://evil.example/ would be accepted, reopening the
        // audience-injection attack RFC 10070 closes. Development sets one in appsettings.Development.json.
        if (options.Issuer is null && !environment.IsDevelopment())
        {
            problems.Add("Identity:Issuer is not set; set it to the gateway's public base URL, such as https://avz.example.nl/ (client assertions must name exactly it as audience).");
        }
        else if (options.Issuer is { } issuer && (!issuer.IsAbsoluteUri || issuer.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment)))
        {
            problems.Add("Identity:Issuer must be an absolute http(s) URL without query or fragment, such as https://avz.example.nl/.");
        }

        return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
