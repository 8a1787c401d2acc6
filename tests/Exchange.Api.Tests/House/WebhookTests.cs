using System.Net;
using System.Text;
using System.Text.Json;
using Avz.Exchange.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StandardWebhooks;

namespace Avz.Exchange.Api.Tests.House;

/// <summary>Webhooks: CloudEvents signed per Standard Webhooks (checked with the reference library), retried with backoff.</summary>
public sealed class WebhookTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public async Task ANotification_IsDeliveredAsASignedCloudEvent_AfterARetry()
    {
        await using var factory = new GatewayFactory();
        var caseId = Guid.NewGuid();
        var id = await AddNotificationAsync(factory, "lentis", caseId);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var endpoint = new Endpoint(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);

        Assert.Equal(0, await DeliverAsync(factory, endpoint, clock));
        Assert.Single(endpoint.Received);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await DeliverAsync(factory, endpoint, clock));
        Assert.Single(endpoint.Received);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await DeliverAsync(factory, endpoint, clock));
        Assert.Equal(2, endpoint.Received.Count);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await DeliverAsync(factory, endpoint, clock));

        var (body, headers, contentType) = endpoint.Received[^1];
        Assert.Equal("application/cloudevents+json", contentType);

        // The reference library verifies the signature, the id and the timestamp as the specification says.
        new StandardWebhook(Secret).Verify(body, headers);
        var tampered = new HeaderDictionary(headers.ToDictionary(h => h.Key, h => h.Value));
        Assert.ThrowsAny<Exception>(() => new StandardWebhook(Secret).Verify(body.Replace("chain-manager", "steering-group", StringComparison.Ordinal), tampered));
        Assert.Equal("msg_" + id, headers["webhook-id"].ToString());

        using var cloudEvent = JsonDocument.Parse(body);
        var root = cloudEvent.RootElement;
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal("nl.avz-exchange.plan.escalated", root.GetProperty("type").GetString());
        Assert.Equal("urn:avz-exchange:avz-groningen", root.GetProperty("source").GetString());
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("id").GetString());
        Assert.Equal(caseId.ToString(), root.GetProperty("data").GetProperty("caseId").GetString());
        Assert.Equal("chain-manager", root.GetProperty("data").GetProperty("step").GetString());
        Assert.Equal(new[] { "caseId", "convenant", "id", "signalId", "step", "time", "type", "actionId" }.Order(), root.GetProperty("data").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task AnEndpointThatNeverAnswers2xx_IsGivenUpAfterMaxAttempts_WithTheBackoffBetween()
    {
        await using var factory = new GatewayFactory();
        await AddNotificationAsync(factory, "lentis", Guid.NewGuid());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var endpoint = new Endpoint(HttpStatusCode.InternalServerError);
        TimeSpan[] expected = [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];

        for (var attempt = 0; attempt < 4; attempt++)
        {
            Assert.Equal(0, await DeliverAsync(factory, endpoint, clock, maxAttempts: 4));
            Assert.Equal(attempt + 1, endpoint.Received.Count);
            if (attempt < expected.Length)
            {
                clock.Advance(expected[attempt] - TimeSpan.FromMilliseconds(1));
                await DeliverAsync(factory, endpoint, clock, maxAttempts: 4);
                Assert.Equal(attempt + 1, endpoint.Received.Count);
                clock.Advance(TimeSpan.FromMilliseconds(1));
            }
        }

        using var scope = factory.Services.CreateScope();
        var stored = scope.ServiceProvider.GetRequiredService<ExchangeDbContext>().Notifications.Single();
        Assert.Equal(4, stored.Attempts);
        Assert.NotNull(stored.FailedAt);
        Assert.Null(stored.DeliveredAt);
        clock.Advance(TimeSpan.FromDays(1));
        await DeliverAsync(factory, endpoint, clock, maxAttempts: 4);
        Assert.Equal(4, endpoint.Received.Count);
    }

    [Fact]
    public async Task APartyWithoutAWebhook_GetsNothingSent()
    {
        await using var factory = new GatewayFactory();
        await AddNotificationAsync(factory, "politie", Guid.NewGuid());
        var endpoint = new Endpoint(HttpStatusCode.OK);

        Assert.Equal(0, await DeliverAsync(factory, endpoint, new FakeTimeProvider(DateTimeOffset.UtcNow)));
        Assert.Empty(endpoint.Received);
    }

    [Theory]
    [InlineData("http://partner.example/hooks", Secret)]
    [InlineData("https://partner.example/hooks", "geheim")]
    [InlineData("https://partner.example/hooks", "whsec_c2hvcnQ=")]
    public void AWebhookThatCannotWork_IsASentenceAtStartUp(string url, string secret)
    {
        var options = new WebhookOptions { Parties = { ["lentis"] = new WebhookEndpoint { Url = url, Secret = secret } } };

        Assert.Single(options.Problems());
    }

    private static async Task<long> AddNotificationAsync(GatewayFactory factory, string party, Guid caseId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ExchangeDbContext>();
        var notification = new NotificationRecord
        {
            Party = party,
            Type = "plan.escalated",
            Convenant = "avz-groningen",
            CaseId = caseId,
            ActionId = Guid.NewGuid(),
            Step = "chain-manager",
            At = DateTimeOffset.UtcNow.AddMinutes(-1),
            NextAttemptAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return notification.Id;
    }

    private static async Task<int> DeliverAsync(GatewayFactory factory, Endpoint endpoint, FakeTimeProvider clock, int maxAttempts = 8)
    {
        using var scope = factory.Services.CreateScope();
        var options = Options.Create(new WebhookOptions
        {
            MaxAttempts = maxAttempts,
            Parties = { ["lentis"] = new WebhookEndpoint { Url = "https://lentis.example/avz-hooks", Secret = Secret } },
        });
        using var http = new HttpClient(endpoint, disposeHandler: false);
        var delivery = new Avz.Exchange.House.WebhookDelivery(scope.ServiceProvider.GetRequiredService<ExchangeDbContext>(), http, options, clock, NullLogger<Avz.Exchange.House.WebhookDelivery>.Instance);
        return await delivery.DeliverDueAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A partner's webhook endpoint: answers the scripted statuses in turn (the last one from then on) and keeps what it received.</summary>
    private sealed class Endpoint(params HttpStatusCode[] answers) : HttpMessageHandler
    {
        public List<(string Body, IHeaderDictionary Headers, string? ContentType)> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var headers = new HeaderDictionary();
            foreach (var header in request.Headers)
            {
                headers[header.Key] = header.Value.ToArray();
            }

            Received.Add((body, headers, request.Content.Headers.ContentType?.MediaType));
            return new HttpResponseMessage(answers[Math.Min(Received.Count, answers.Length) - 1]);
        }
    }
}
