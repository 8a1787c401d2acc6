namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// The API's version. NL API Design Rules (API-57): every response carries the full semantic version in an
/// <c>API-Version</c> header; the major version is in the URI (<c>/v1</c>) and the OpenAPI document's <c>info.version</c>.
/// </summary>
public static class ApiVersion
{
    /// <summary>The header name.</summary>
    public const string Header = "API-Version";

    /// <summary>The full version: a new operation or member raises the minor, a fix the patch; a breaking change makes /v2.</summary>
    public const string Current = "1.1.0";
}
