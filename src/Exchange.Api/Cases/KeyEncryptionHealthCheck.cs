using System.Security.Cryptography;
using Avz.Exchange.Encryption;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Avz.Exchange.Api.Cases;

/// <summary>Ready only when the KEK wraps and unwraps a throw-away key: without it no value can be stored or read.</summary>
internal sealed class KeyEncryptionHealthCheck(IKeyEncryptionKey kek) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = RandomNumberGenerator.GetBytes(32);
        try
        {
            var wrapped = await kek.WrapAsync(probe, cancellationToken).ConfigureAwait(false);
            var back = await kek.UnwrapAsync(wrapped, cancellationToken).ConfigureAwait(false);
            return CryptographicOperations.FixedTimeEquals(probe, back)
                ? HealthCheckResult.Healthy($"{kek.Provider}: wraps and unwraps")
                : HealthCheckResult.Unhealthy($"{kek.Provider}: unwrap returned another key");
        }
        catch (Exception e) when (e is KeyUnavailableException or IOException or HttpRequestException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"{kek.Provider}: unreachable or refusing");
        }
    }
}
