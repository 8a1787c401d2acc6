using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Avz.Audit.Notes;
using Avz.Exchange.Cases;

namespace Avz.Exchange.Client;

/// <summary>
/// A partner system's connection to the gateway: tokens by <c>private_key_jwt</c>, cached and renewed; the actor
/// headers on every call; a typed method per partner operation; RFC 9457 refusals as
/// <see cref="ExchangeProblemException"/>; and, with a pinned log key, each call's access-log receipt fetched and
/// verified before the answer is handed back. Thread-safe; keep one per gateway.
/// </summary>
public sealed class ExchangeClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ExchangeClientOptions options;
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly TokenCache tokens;
    private readonly NoteVerifier? logKey;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Where the gateway is and who this system is.</param>
    /// <param name="http">An HttpClient to use (its base address is ignored); null for a new one the client owns.</param>
    /// <exception cref="FormatException">The pinned log key is not a C2SP verifier key.</exception>
    public ExchangeClient(ExchangeClientOptions options, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        ownsHttp = http is null;
        this.http = http ?? new HttpClient();
        tokens = new TokenCache(options, this.http);
        logKey = options.LogKey is { } key ? NoteVerifier.Parse(key) : null;
    }

    /// <summary>Who the gateway takes this system and actor for.</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session.</returns>
    public Task<ExchangeResponse<PartnerSession>> GetSessionAsync(Actor actor, CancellationToken cancellationToken = default) =>
        SendAsync<PartnerSession>(HttpMethod.Get, "v1/session", actor, null, cancellationToken);

    /// <summary>Registers a case; this party becomes participant and direction holder.</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="request">Convenant, purpose, the subject's BSN (sent in the body, never in a URL) and the reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case.</returns>
    public Task<ExchangeResponse<CaseView>> RegisterCaseAsync(Actor actor, RegisterCase request, CancellationToken cancellationToken = default) =>
        SendAsync<CaseView>(HttpMethod.Post, "v1/cases", actor, request, cancellationToken);

    /// <summary>Finds the subject's cases this party participates in.</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="subject">The BSN.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The cases found.</returns>
    public Task<ExchangeResponse<SearchResult>> SearchCasesAsync(Actor actor, string subject, CancellationToken cancellationToken = default) =>
        SendAsync<SearchResult>(HttpMethod.Post, "v1/cases/search", actor, new SearchCases(subject), cancellationToken);

    /// <summary>A case, as the policy lets this party see it.</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="id">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case.</returns>
    public Task<ExchangeResponse<CaseView>> GetCaseAsync(Actor actor, Guid id, CancellationToken cancellationToken = default) =>
        SendAsync<CaseView>(HttpMethod.Get, Case(id), actor, null, cancellationToken);

    /// <summary>Admits a party to a case (the house or the direction holder).</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="id">The case.</param>
    /// <param name="party">The party to admit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case.</returns>
    public Task<ExchangeResponse<CaseView>> AdmitParticipantAsync(Actor actor, Guid id, string party, CancellationToken cancellationToken = default) =>
        SendAsync<CaseView>(HttpMethod.Post, Case(id, "/participants"), actor, new AdmitParticipant(party), cancellationToken);

    /// <summary>Hands process direction to a participant.</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="id">The case.</param>
    /// <param name="party">The new direction holder.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case.</returns>
    public Task<ExchangeResponse<CaseView>> HandOverDirectionAsync(Actor actor, Guid id, string party, CancellationToken cancellationToken = default) =>
        SendAsync<CaseView>(HttpMethod.Put, Case(id, "/direction"), actor, new HandOverDirection(party), cancellationToken);

    /// <summary>Moves a case's status (registered, triage, consultation, monitoring, closed, rejected).</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="id">The case.</param>
    /// <param name="status">The new status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The case.</returns>
    public Task<ExchangeResponse<CaseView>> ChangeStatusAsync(Actor actor, Guid id, string status, CancellationToken cancellationToken = default) =>
        SendAsync<CaseView>(HttpMethod.Put, Case(id, "/status"), actor, new ChangeStatus(status), cancellationToken);

    /// <summary>Supplies an item of a category: field id to value (string, <c>yyyy-MM-dd</c> date, enum word, or bool).</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="id">The case.</param>
    /// <param name="category">The category.</param>
    /// <param name="fields">The values.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored item.</returns>
    public Task<ExchangeResponse<SuppliedItem>> SupplyInformationAsync(Actor actor, Guid id, string category, IReadOnlyDictionary<string, object> fields, CancellationToken cancellationToken = default) =>
        SendAsync<SuppliedItem>(HttpMethod.Post, Case(id, "/information"), actor, new { category, fields }, cancellationToken);

    /// <summary>What the policy releases to this party, and what it withholds with the reason.</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="id">The case.</param>
    /// <param name="category">Only this category, or all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Released items and withheld fields.</returns>
    public Task<ExchangeResponse<InformationView>> RequestInformationAsync(Actor actor, Guid id, string? category = null, CancellationToken cancellationToken = default) =>
        SendAsync<InformationView>(HttpMethod.Get, Case(id, "/information") + (category is null ? "" : "?category=" + Uri.EscapeDataString(category)), actor, null, cancellationToken);

    /// <summary>Emergency access (doorzettingsmacht) for the direction holder, with a justification of 20 to 2000 characters.</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="id">The case.</param>
    /// <param name="justification">Why; kept beside the log for the privacy officer's review.</param>
    /// <param name="category">Only this category, or all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Released items and withheld fields.</returns>
    public Task<ExchangeResponse<InformationView>> RequestInformationInEmergencyAsync(Actor actor, Guid id, string justification, string? category = null, CancellationToken cancellationToken = default) =>
        SendAsync<InformationView>(HttpMethod.Post, Case(id, "/information/emergency"), actor, new EmergencyRequest(justification, category), cancellationToken);

    /// <summary>The consents on record for a case, withdrawn ones included.</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="id">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The consents.</returns>
    public Task<ExchangeResponse<IReadOnlyList<ConsentView>>> ListConsentsAsync(Actor actor, Guid id, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<ConsentView>>(HttpMethod.Get, Case(id, "/consents"), actor, null, cancellationToken);

    /// <summary>Records the subject's consent.</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="id">The case.</param>
    /// <param name="consent">Categories, recipients, evidence reference, validity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The consent.</returns>
    public Task<ExchangeResponse<ConsentView>> RecordConsentAsync(Actor actor, Guid id, RecordConsent consent, CancellationToken cancellationToken = default) =>
        SendAsync<ConsentView>(HttpMethod.Post, Case(id, "/consents"), actor, consent, cancellationToken);

    /// <summary>Withdraws a consent; it stays on record, marked withdrawn.</summary>
    /// <param name="actor">The professional.</param>
    /// <param name="id">The case.</param>
    /// <param name="consentId">The consent.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The consent.</returns>
    public Task<ExchangeResponse<ConsentView>> WithdrawConsentAsync(Actor actor, Guid id, Guid consentId, CancellationToken cancellationToken = default) =>
        SendAsync<ConsentView>(HttpMethod.Post, Case(id, $"/consents/{consentId:D}/withdraw"), actor, new { }, cancellationToken);

    /// <summary>The access log's verifier key as the gateway publishes it (unauthenticated). Pin it only after checking it out of band.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The C2SP vkey.</returns>
    public async Task<string> GetLogKeyAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri(options.Gateway, "v1/audit/key"), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        tokens.Dispose();
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    private static string Case(Guid id, string rest = "") => $"v1/cases/{id:D}{rest}";

    private async Task<ExchangeResponse<T>> SendAsync<T>(HttpMethod method, string path, Actor actor, object? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var transaction = Guid.CreateVersion7();
        using var response = await SendWithTokenAsync(method, path, actor, body, transaction, cancellationToken).ConfigureAwait(false);
        var index = response.Headers.TryGetValues("Avz-Log-Index", out var values) && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemAsync(response, transaction, index, cancellationToken).ConfigureAwait(false);
        }

        var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false)
            ?? throw new ExchangeProblemException((int)response.StatusCode, null, "The answer has no body.", null, transaction, index);
        var receipt = logKey is not null && index is { } logged ? await ReceiptAsync(actor, logged, transaction, cancellationToken).ConfigureAwait(false) : null;
        return new ExchangeResponse<T>(value, transaction, index, receipt);
    }

    private async Task<VerifiedReceipt> ReceiptAsync(Actor actor, long index, Guid transaction, CancellationToken cancellationToken)
    {
        using var response = await SendWithTokenAsync(HttpMethod.Get, $"v1/audit/entries/{index.ToString(CultureInfo.InvariantCulture)}/receipt", actor, null, Guid.CreateVersion7(), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ReceiptVerificationException($"The gateway gave no receipt for entry {index} ({(int)response.StatusCode}).");
        }

        var json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return VerifiedReceipt.Verify(json, logKey!, index, transaction, options.ClientId);
    }

    /// <summary>Sends with the cached token; a 401 (the token was revoked or the gateway restarted) gets one fresh token and one retry.</summary>
    private async Task<HttpResponseMessage> SendWithTokenAsync(HttpMethod method, string path, Actor actor, object? body, Guid transaction, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await tokens.GetAsync(renew: attempt > 0, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, new Uri(options.Gateway, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Avz-Actor-Id", actor.Id);
            request.Headers.Add("Avz-Actor-Role", actor.Role);
            if (actor.OnBehalfOf is { } onBehalfOf)
            {
                request.Headers.Add("Avz-On-Behalf-Of", onBehalfOf);
            }

            request.Headers.Add("Avz-Transaction-Id", transaction.ToString("D"));
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, options: Json);
            }

            var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized || attempt > 0)
            {
                return response;
            }

            response.Dispose();
        }
    }

    private static async Task<ExchangeProblemException> ProblemAsync(HttpResponseMessage response, Guid transaction, long? index, CancellationToken cancellationToken)
    {
        string? code = null, title = null, detail = null;
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            code = Text(problem.RootElement, "code");
            title = Text(problem.RootElement, "title");
            detail = Text(problem.RootElement, "detail");
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's error page); the status says enough.
        }

        return new ExchangeProblemException((int)response.StatusCode, code, title ?? response.ReasonPhrase, detail, transaction, index);
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
