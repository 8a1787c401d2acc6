using Avz.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// Describes the API's security in the OpenAPI document: OAuth 2.0 client credentials at <c>/connect/token</c>
/// (client authentication with private_key_jwt), and on every protected operation the scope it needs.
/// </summary>
internal sealed class SecuritySchemeTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string Scheme = "partner-oauth2";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "Client credentials; the client authenticates with private_key_jwt (RFC 7523, aud = issuer per RFC 10070). Every exchange call also carries Avz-Actor-Id and Avz-Actor-Role.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri("/connect/token", UriKind.Relative),
                    Scopes = new Dictionary<string, string>
                    {
                        [IdentityScopes.Exchange] = "Request and supply case information.",
                        [IdentityScopes.Audit] = "Read the access log (privacy officers).",
                        [IdentityScopes.PolicyAdmin] = "Maintain convenant policies and partner clients.",
                    },
                },
            },
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToArray();
        if (policies.Length > 0)
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [.. policies] });
        }

        return Task.CompletedTask;
    }
}
