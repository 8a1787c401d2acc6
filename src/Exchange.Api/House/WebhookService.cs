using Avz.Exchange.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.House;

/// <summary>Delivers due notifications to the parties' webhooks every <c>Webhooks:PollInterval</c>; idle when no party has one.</summary>
internal sealed class WebhookService(IServiceScopeFactory scopes, IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<WebhookService> logger) : BackgroundService
{
    /// <summary>The named client: a short timeout, no redirects (a webhook URL must not lead the gateway elsewhere).</summary>
    public const string Client = "avz-webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Parties.Count == 0)
        {
            return;
        }

        if (!await lifetime.StartedAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        do
        {
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    await ExchangeMaintenance.DeliverWebhooksAsync(scope.ServiceProvider, clients.CreateClient(Client), stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                HouseLog.WebhookRunFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
