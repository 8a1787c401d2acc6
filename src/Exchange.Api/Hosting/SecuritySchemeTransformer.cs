using Avz.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// Describes the API's security in the OpenAPI document: OAuth 2.0 client credentials at <c>/connect/token</c>
/// (client authentication with private_key_jwt), and on every protected operation the scope it needs.
/// </summary>
internal sealed class SecuritySchemeTransformer(Microsoft.Extensions.Options.IOptions<ApiDocumentOptions> contact) : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
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
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "AVZ Exchange";
        document.Info.Description = "The information-sharing gateway of a Zorg- en Veiligheidshuis: partner systems register cases, supply and request "
            + "case information under the convenant's policy, on behalf of a named professional; every call, allowed or refused, is an entry in a "
            + "signed, append-only access log (C2SP tlog-tiles) whose receipts a partner verifies offline.";
        document.Info.Version = ApiVersion.Current;
        document.Info.Contact = new OpenApiContact { Name = contact.Value.ContactName, Url = contact.Value.ContactUrl, Email = contact.Value.ContactEmail };
        document.Paths ??= [];
        document.Paths["/connect/token"] = TokenEndpoint();
        return Task.CompletedTask;
    }

    /// <summary>The token endpoint, which OpenIddict serves as middleware, so no endpoint metadata describes it.</summary>
    private static OpenApiPathItem TokenEndpoint()
    {
        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string>(StringComparer.Ordinal) { "grant_type", "client_id", "client_assertion_type", "client_assertion" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["grant_type"] = Text("client_credentials"),
                ["client_id"] = Text("The partner client id."),
                ["client_assertion_type"] = Text("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                ["client_assertion"] = Text("A JWT signed with the client's registered key: iss = sub = client id, aud = the issuer identifier only, jti, iat, exp at most 5 minutes later; typ client-authentication+jwt or none."),
                ["scope"] = Text("Space-separated: exchange, audit, policy-admin."),
            },
        };
        var operation = new OpenApiOperation
        {
            OperationId = "RequestToken",
            Summary = "An access token for a partner system (OAuth 2.0 client credentials with private_key_jwt).",
            Tags = new HashSet<OpenApiTagReference> { new("Partners") },
            RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/x-www-form-urlencoded"] = new() { Schema = form } },
            },
            Responses = new OpenApiResponses
            {
                ["200"] = Answer("access_token (JWT, 5 minutes), token_type Bearer, expires_in, scope.", "application/json", Token()),
                ["400"] = Answer("OAuth 2.0 error (RFC 6749 section 5.2): invalid_client, invalid_scope, invalid_request, unsupported_grant_type.", "application/json", OAuthError()),
                ["413"] = Answer("Problem: the request body is too large.", "application/problem+json", Problem()),
                ["429"] = Answer("Problem: too many requests from this address.", "application/problem+json", Problem()),
            },
        };
        return new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = operation } };
    }

    private static OpenApiResponse Answer(string description, string mediaType, OpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Schema = schema } },
        Headers = ApiContractTransformer.EveryAnswerHeaders(),
    };

    private static OpenApiSchema Token() => Object(("access_token", JsonSchemaType.String), ("token_type", JsonSchemaType.String), ("expires_in", JsonSchemaType.Integer), ("scope", JsonSchemaType.String));

    private static OpenApiSchema OAuthError() => Object(("error", JsonSchemaType.String), ("error_description", JsonSchemaType.String));

    private static OpenApiSchema Problem() => Object(("type", JsonSchemaType.String), ("title", JsonSchemaType.String), ("status", JsonSchemaType.Integer), ("code", JsonSchemaType.String), ("traceId", JsonSchemaType.String), ("transactionId", JsonSchemaType.String));

    private static OpenApiSchema Object(params (string Name, JsonSchemaType Type)[] members) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = members.ToDictionary(m => m.Name, m => (IOpenApiSchema)new OpenApiSchema { Type = m.Type }),
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToArray();
        if (policies.Length > 0)
        {
            operation.Security ??= [];

            // Policies are named after the scope they demand, except LogReader: exchange or audit, which OpenAPI
            // expresses as two alternative requirements.
            var alternatives = policies.Contains(IdentityScopes.LogReader) ? [[IdentityScopes.Exchange], [IdentityScopes.Audit]] : new[] { policies };
            foreach (var scopes in alternatives)
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [.. scopes] });
            }
        }

        return Task.CompletedTask;
    }
}
