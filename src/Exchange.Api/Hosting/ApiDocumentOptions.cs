namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// Who answers for the API, published in the OpenAPI document's <c>info.contact</c> (NL API Design Rules: the
/// contact is complete, with name, URL and e-mail). The defaults are placeholders; an operator sets the house's own.
/// </summary>
public sealed class ApiDocumentOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "ApiDocument";

    /// <summary>The contact's name: the team that runs the gateway.</summary>
    public string ContactName { get; set; } = "AVZ Exchange functioneel beheer";

    /// <summary>Where integrators find help.</summary>
    public Uri ContactUrl { get; set; } = new("https://avz-exchange.example.org/");

    /// <summary>The contact's e-mail address.</summary>
    public string ContactEmail { get; set; } = "beheer@avz-exchange.example.org";
}
