using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Hosting;

/// <summary>The per-address window for calls without valid credentials; answers 429 with a problem when it is used up.</summary>
internal sealed class AddressLimiter(IOptions<RequestLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        RateLimitPartition.GetFixedWindowLimiter(
            "address:" + context.Connection.RemoteIpAddress,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.PermitsPerMinutePerAddress, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>Takes a permit for the call's address; when none is left, writes the 429 problem and returns false.</summary>
    public async Task<bool> TryAcquireAsync(HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(context);
        if (lease.IsAcquired)
        {
            return true;
        }

        context.Response.Headers.RetryAfter = "60";
        await RequestLimitsServiceCollectionExtensions.RefuseAsync(context, StatusCodes.Status429TooManyRequests, "Too many requests from this address; retry after a minute.").ConfigureAwait(false);
        return false;
    }

    public void Dispose() => limiter.Dispose();
}
