using System.Text.Json.Nodes;
using Avz.Exchange.Api.Cases;
using Avz.Exchange.Api.Partners;
using Avz.Exchange.Cases;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// What the handlers' signatures cannot tell the OpenAPI document, so a generated client gets it right: the actor
/// headers every partner operation requires, the response headers the gateway sets (<c>Avz-Transaction-Id</c> on
/// every answer, <c>Avz-Log-Index</c> where a call was logged), the members of the gateway's problem responses, and
/// the request members the gateway treats as optional although their records declare them positionally.
/// </summary>
internal sealed class ApiContractTransformer : IOpenApiOperationTransformer, IOpenApiSchemaTransformer
{
    private static readonly (Type Type, string Member)[] Optional = [(typeof(RecordConsent), "purpose"), (typeof(EmergencyRequest), "category")];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.Description.ActionDescriptor.EndpointMetadata.OfType<ActorHeadersFilter.Required>().Any();
        if (actor)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Header(ActorHeadersFilter.ActorId, true, "The acting professional (NEN 7513: the person, not only the system).", ActorHeadersFilter.IdPatternText));
            operation.Parameters.Add(Header(ActorHeadersFilter.ActorRole, true, "The professional's role, lower-case words with hyphens.", ActorHeadersFilter.RolePatternText));
            operation.Parameters.Add(Header(ActorHeadersFilter.OnBehalfOf, false, "The responsible user the professional acts for, if any.", ActorHeadersFilter.IdPatternText));
        }

        foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? [])
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var (name, header) in EveryAnswerHeaders())
            {
                response.Headers[name] = header;
            }

            if (actor)
            {
                response.Headers[CaseCalls.LogIndexHeader] = new OpenApiHeader
                {
                    Description = "The index of this call's access-log entry, when it was logged; GET /v1/audit/entries/{index}/receipt proves it.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
                };
            }
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        var type = context.JsonTypeInfo.Type;
        if (typeof(ProblemDetails).IsAssignableFrom(type) || typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails).IsAssignableFrom(type))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The stable error code (AVZ-AREA-NNNN); act on this, not on the wording.", Pattern = "^AVZ-[A-Z]+-[0-9]{4}$" };
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The W3C trace id of the call." };
            schema.Properties["transactionId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "The transaction id (Avz-Transaction-Id)." };
            schema.Required ??= new HashSet<string>();
            schema.Required.Add("code");
        }

        foreach (var (optionalType, member) in Optional.Where(o => o.Type == type))
        {
            schema.Required?.Remove(member);
        }

        return Task.CompletedTask;
    }

    /// <summary>The headers on every answer, errors included: API-Version (NL API Design Rules /core/version-header) and the transaction id.</summary>
    /// <returns>Name to header.</returns>
    public static Dictionary<string, IOpenApiHeader> EveryAnswerHeaders() => new()
    {
        [ApiVersion.Header] = new OpenApiHeader
        {
            Description = "The full semantic version of the API that answered.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = @"^[0-9]+\.[0-9]+\.[0-9]+$" },
        },
        [TransactionIdMiddleware.Header] = new OpenApiHeader
        {
            Description = "The transaction id (FSC): the caller's Avz-Transaction-Id when it sent a UUID, a new one otherwise.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
        },
    };

    private static OpenApiParameter Header(string name, bool required, string description, string pattern) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = pattern },
    };
}
