using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Avz.Exchange.Api.Cases;

internal sealed class ExchangeDatabaseHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var cases = await ExchangeMaintenance.CountCasesAsync(services, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"{cases} case(s)");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("the case database does not answer");
        }
    }
}
