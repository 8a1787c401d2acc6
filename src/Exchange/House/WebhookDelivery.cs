using System.Globalization;
using System.Net.Mime;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Avz.Exchange.Data;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.House;

/// <summary>
/// Delivers notifications to the webhooks of the parties that have one: each as a CloudEvent 1.0 in structured mode
/// (<c>application/cloudevents+json</c>; type <c>nl.avz-exchange.</c> and the notification type, data the
/// notification: ids and what happened, never content), signed per Standard Webhooks (<c>webhook-id</c>,
/// <c>webhook-timestamp</c>, <c>webhook-signature: v1,</c> base64 HMAC-SHA256 over <c>id.timestamp.body</c>). A 2xx
/// answer delivers; anything else, a timeout or a refused connection is retried after 5 s, 5 min, 30 min, 2 h, 5 h,
/// then every 10 h (the spec's suggested schedule), until <see cref="WebhookOptions.MaxAttempts"/>.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>The CloudEvents type prefix.</summary>
    public const string TypePrefix = "nl.avz-exchange.";

    private static readonly TimeSpan[] Backoff =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10),
    ];

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);

    private readonly ExchangeDbContext db;
    private readonly HttpClient http;
    private readonly WebhookOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    internal WebhookDelivery(ExchangeDbContext db, HttpClient http, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDelivery> logger)
    {
        this.db = db;
        this.http = http;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>How long to wait after the given number of failed attempts.</summary>
    /// <param name="failed">Failed attempts so far (1 or more).</param>
    /// <returns>The wait.</returns>
    public static TimeSpan After(int failed) => Backoff[Math.Clamp(failed, 1, Backoff.Length) - 1];

    /// <summary>Delivers every notification that is due, one at a time.</summary>
    /// <param name="cancellationToken">Cancels the run between deliveries.</param>
    /// <returns>How many were delivered.</returns>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        if (options.Parties.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var parties = options.Parties.Keys.ToList();
        var due = await db.Notifications
            .Where(n => parties.Contains(n.Party) && n.DeliveredAt == null && n.FailedAt == null && n.NextAttemptAt != null && n.NextAttemptAt <= now)
            .OrderBy(n => n.Id)
            .Take(100)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var delivered = 0;
        foreach (var notification in due)
        {
            var endpoint = options.Parties[notification.Party];
            var ok = await SendAsync(notification, endpoint, cancellationToken).ConfigureAwait(false);
            var at = time.GetUtcNow();
            notification.Attempts++;
            if (ok)
            {
                notification.DeliveredAt = at;
                notification.NextAttemptAt = null;
                delivered++;
            }
            else if (notification.Attempts >= options.MaxAttempts)
            {
                notification.FailedAt = at;
                notification.NextAttemptAt = null;
                WebhookLog.GaveUp(logger, notification.Id, notification.Party, notification.Attempts);
            }
            else
            {
                notification.NextAttemptAt = at + After(notification.Attempts);
            }

            await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return delivered;
    }

    /// <summary>The CloudEvent of a notification, as the bytes that are signed and sent.</summary>
    /// <param name="notification">The notification.</param>
    /// <returns>The body.</returns>
    internal static byte[] Body(NotificationRecord notification)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = notification.Id.ToString(CultureInfo.InvariantCulture),
            Source = new Uri("urn:avz-exchange:" + notification.Convenant),
            Type = TypePrefix + notification.Type,
            Time = notification.At,
            Subject = notification.CaseId?.ToString() ?? notification.SignalId?.ToString(),
            DataContentType = MediaTypeNames.Application.Json,
            Data = JsonSerializer.SerializeToElement(Notifications.View(notification), DataJson),
        };
        return new JsonEventFormatter().EncodeStructuredModeMessage(cloudEvent, out _).ToArray();
    }

    /// <summary>The Standard Webhooks signature header value.</summary>
    /// <param name="key">The secret's key bytes.</param>
    /// <param name="id">The message id.</param>
    /// <param name="timestamp">Unix seconds.</param>
    /// <param name="body">The body.</param>
    /// <returns><c>v1,</c> and the base64 HMAC-SHA256 of <c>id.timestamp.body</c>.</returns>
    internal static string Signature(byte[] key, string id, long timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}."));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. prefix, .. body]));
    }

    private async Task<bool> SendAsync(NotificationRecord notification, WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        var body = Body(notification);
        var id = "msg_" + notification.Id.ToString(CultureInfo.InvariantCulture);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Signature(endpoint.SigningKey()!, id, timestamp, body));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            WebhookLog.Refused(logger, notification.Id, notification.Party, (int)response.StatusCode);
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            WebhookLog.Unreachable(logger, notification.Id, notification.Party, e.GetType().Name);
            return false;
        }
    }
}
