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

    private readonly PartitionedRateLimiter<string> staff = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(
            "staff:" + account,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Value.PermitsPerMinutePerClient, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>
    /// Takes a permit for a logged-in staff member's account (the per-client allowance): staff reach the portal with a
    /// cookie, not an <c>Authorization</c> header, and a house's staff often share one office address, which the
    /// anonymous per-address window would make them share too.
    /// </summary>
    public async Task<bool> TryAcquireStaffAsync(HttpContext context, string account)
    {
        using var lease = staff.AttemptAcquire(account);
        return lease.IsAcquired || await RefuseAsync(context, "Too many requests from this staff account; retry after a minute.").ConfigureAwait(false);
    }

    /// <summary>Takes a permit for the call's address; when none is left, writes the 429 problem and returns false.</summary>
    public async Task<bool> TryAcquireAsync(HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(context);
        return lease.IsAcquired || await RefuseAsync(context, "Too many requests from this address; retry after a minute.").ConfigureAwait(false);
    }

    /// <summary>Writes the 429 problem with its Retry-After; false, for the caller to return.</summary>
    private static async Task<bool> RefuseAsync(HttpContext context, string title)
    {
        context.Response.Headers.RetryAfter = "60";
        await RequestLimitsServiceCollectionExtensions.RefuseAsync(context, StatusCodes.Status429TooManyRequests, title).ConfigureAwait(false);
        return false;
    }

    public void Dispose()
    {
        limiter.Dispose();
        staff.Dispose();
    }
}
