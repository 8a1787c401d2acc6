using System.Diagnostics;
using System.Security.Claims;
using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Api.Partners;
using Avz.Exchange.Cases;
using Avz.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;

namespace Avz.Exchange.Api.Cases;

/// <summary>Turns a request into a <see cref="Caller"/> and an <see cref="ExchangeResult{T}"/> into a response.</summary>
internal static class CaseCalls
{
    /// <summary>The header that names the access-log entry of this call, so a partner can later fetch its inclusion proof.</summary>
    public const string LogIndexHeader = "Avz-Log-Index";

    public static Caller CallerOf(HttpContext context)
    {
        var user = context.User;
        var headers = context.Request.Headers;
        var onBehalfOf = headers[ActorHeadersFilter.OnBehalfOf].ToString();
        return new Caller(
            IdentityClaims.ValueOf(user, IdentityClaims.Party) ?? "",
            IdentityClaims.ValueOf(user, OpenIddictConstants.Claims.Subject) ?? "",
            headers[ActorHeadersFilter.ActorId].ToString(),
            headers[ActorHeadersFilter.ActorRole].ToString(),
            onBehalfOf.Length == 0 ? null : onBehalfOf,
            context.Items[TransactionIdMiddleware.Header] as string,
            Activity.Current?.TraceId.ToString());
    }

    public static Results<TOk, ProblemHttpResult> Answer<T, TOk>(HttpContext context, ExchangeResult<T> result, Func<T, TOk> ok)
        where T : class
        where TOk : IResult
    {
        if (result.LogIndex is { } index)
        {
            context.Response.Headers[LogIndexHeader] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result.Error is { } error ? Problem(error) : ok(result.Value!);
    }

    public static ProblemHttpResult Problem(ExchangeError error) => TypedResults.Problem(
        title: error.Title,
        statusCode: error.Kind switch
        {
            ErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Gone => StatusCodes.Status410Gone,
            ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        },
        extensions: new Dictionary<string, object?> { ["code"] = error.Code });
}
