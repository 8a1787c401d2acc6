namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// Gives every exchange a transaction id (FSC): the caller's <c>Avz-Transaction-Id</c> when it is a UUID, a new one
/// otherwise. It is returned on every response, logged, and written into access-log entries.
/// </summary>
internal sealed class TransactionIdMiddleware(RequestDelegate next)
{
    public const string Header = "Avz-Transaction-Id";

    public Task InvokeAsync(HttpContext context)
    {
        var id = context.Request.Headers[Header] is [var given] && Guid.TryParseExact(given, "D", out var parsed)
            ? parsed.ToString("D")
            : Avz.Exchange.TransactionIds.New(DateTimeOffset.UtcNow).ToString("D");
        context.Items[Header] = id;
        context.Response.Headers[Header] = id;
        return next(context);
    }
}
