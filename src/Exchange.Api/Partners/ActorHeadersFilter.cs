using System.Text.RegularExpressions;
using Avz.Exchange.Api.Hosting;

namespace Avz.Exchange.Api.Partners;

/// <summary>
/// Every exchange call names the professional who acts (NEN 7513 needs the person, not only the system):
/// <c>Avz-Actor-Id</c> and <c>Avz-Actor-Role</c> are required, <c>Avz-On-Behalf-Of</c> optional. Missing or malformed: 400.
/// </summary>
internal sealed partial class ActorHeadersFilter : IEndpointFilter
{
    public const string ActorId = "Avz-Actor-Id";
    public const string ActorRole = "Avz-Actor-Role";
    public const string OnBehalfOf = "Avz-On-Behalf-Of";

    /// <summary>The headers checked, in order: name, pattern, required.</summary>
    private static readonly (string Name, Regex Pattern, bool Required)[] Checked = [(ActorId, IdPattern(), true), (ActorRole, RolePattern(), true), (OnBehalfOf, IdPattern(), false)];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var headers = context.HttpContext.Request.Headers;
        foreach (var (name, pattern, required) in Checked)
        {
            var values = headers[name];
            if (values.Count == 0)
            {
                if (required)
                {
                    return new(Problem(context.HttpContext, "AVZ-ACTOR-0001", $"The {name} header is required: name the professional who acts."));
                }

                continue;
            }

            if (values.Count > 1 || !pattern.IsMatch(values[0] ?? ""))
            {
                return new(Problem(context.HttpContext, "AVZ-ACTOR-0002", $"The {name} header is malformed."));
            }
        }

        return next(context);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(HttpContext context, string code, string title) =>
        TypedResults.Problem(title: title, statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>The pattern of an actor id, as the OpenAPI document states it.</summary>
    public const string IdPatternText = @"^[A-Za-z0-9._:@\-]{1,128}$";

    /// <summary>The pattern of a role.</summary>
    public const string RolePatternText = @"^[a-z0-9][a-z0-9\-]{0,63}$";

    [GeneratedRegex(IdPatternText, RegexOptions.CultureInvariant)]
    internal static partial Regex IdPattern();

    [GeneratedRegex(RolePatternText, RegexOptions.CultureInvariant)]
    internal static partial Regex RolePattern();

    /// <summary>Endpoint metadata: the endpoint requires the actor headers (the OpenAPI document declares them).</summary>
    public sealed class Required
    {
        /// <summary>The one instance.</summary>
        public static Required Instance { get; } = new();
    }
}
