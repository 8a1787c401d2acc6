using Avz.Exchange.Api.Partners;
using Avz.Exchange.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Avz.Exchange.Api.Cases;

/// <summary>The case exchange API (<c>/v1/cases</c>, scope <c>exchange</c>). Every answer carries <c>Avz-Log-Index</c> when the call was logged.</summary>
public static class CaseEndpoints
{
    /// <summary>Maps the case endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapCaseEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/v1/cases").WithTags("Cases")
            .ForPartners();

        group.MapPost("/", Register).WithName("RegisterCase").WithSummary("Registers a case; the caller becomes participant and direction holder, the house participates.");
        group.MapPost("/search", Search).WithName("SearchCases").WithSummary("Finds the subject's cases the caller participates in; the BSN travels in the body, never in the URL.");
        group.MapGet("/{id:guid}", Get).WithName("GetCase").WithSummary("A case, its participants and status history.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        group.MapPost("/{id:guid}/participants", Admit).WithName("AdmitParticipant").WithSummary("The house or the direction holder admits a party (need-to-know).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/direction", HandOver).WithName("HandOverDirection").WithSummary("Hands process direction (procesregie) to a participant.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/status", MoveStatus).WithName("ChangeCaseStatus").WithSummary("registered → triage → consultation → monitoring → closed, or rejected; closing starts retention.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/information", Supply).WithName("SupplyInformation").WithSummary("Supplies an item of a category; each value is encrypted under the case's data key.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone);
        group.MapGet("/{id:guid}/information", Request).WithName("RequestInformation").WithSummary("What the policy releases to the caller for the case's purpose, and what it withholds, with reasons.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        group.MapPost("/{id:guid}/information/emergency", Emergency).WithName("RequestInformationInEmergency").WithSummary("Emergency access (doorzettingsmacht) for the direction holder, where a rule allows it; flagged for review.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        group.MapGet("/{id:guid}/consents", Consents).WithName("ListConsents").WithSummary("The consents on record, withdrawn ones included.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        group.MapPost("/{id:guid}/consents", RecordConsent).WithName("RecordConsent").WithSummary("Records the subject's consent for a purpose, categories and recipients.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/consents/{consentId:guid}/withdraw", WithdrawConsent).WithName("WithdrawConsent").WithSummary("Withdraws a consent; it is kept, marked withdrawn.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    internal static async Task<Results<Created<CaseView>, ProblemHttpResult>> Register(RegisterCase body, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.RegisterAsync(CaseCalls.CallerOf(context), body, context.RequestAborted).ConfigureAwait(false), v => TypedResults.Created($"/v1/cases/{v.Id}", v));

    internal static async Task<Results<Ok<SearchResult>, ProblemHttpResult>> Search(SearchCases body, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.SearchAsync(CaseCalls.CallerOf(context), body, context.RequestAborted).ConfigureAwait(false), TypedResults.Ok);

    internal static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Get(Guid id, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.GetAsync(CaseCalls.CallerOf(context), id, context.RequestAborted).ConfigureAwait(false), TypedResults.Ok);

    internal static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Admit(Guid id, AdmitParticipant body, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.AdmitAsync(CaseCalls.CallerOf(context), id, body, context.RequestAborted).ConfigureAwait(false), TypedResults.Ok);

    internal static async Task<Results<Ok<CaseView>, ProblemHttpResult>> HandOver(Guid id, HandOverDirection body, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.HandOverAsync(CaseCalls.CallerOf(context), id, body, context.RequestAborted).ConfigureAwait(false), TypedResults.Ok);

    internal static async Task<Results<Ok<CaseView>, ProblemHttpResult>> MoveStatus(Guid id, ChangeStatus body, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.ChangeStatusAsync(CaseCalls.CallerOf(context), id, body, context.RequestAborted).ConfigureAwait(false), TypedResults.Ok);

    internal static async Task<Results<Created<SuppliedItem>, ProblemHttpResult>> Supply(Guid id, SupplyItem body, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.SupplyAsync(CaseCalls.CallerOf(context), id, body, context.RequestAborted).ConfigureAwait(false), v => TypedResults.Created($"/v1/cases/{id}/information", v));

    internal static async Task<Results<InformationResult, ProblemHttpResult>> Request(Guid id, string? purpose, string? category, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.RequestAsync(CaseCalls.CallerOf(context), id, purpose, category, context.RequestAborted).ConfigureAwait(false), v => new InformationResult(v));

    internal static async Task<Results<InformationResult, ProblemHttpResult>> Emergency(Guid id, EmergencyRequest body, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.EmergencyAsync(CaseCalls.CallerOf(context), id, body, context.RequestAborted).ConfigureAwait(false), v => new InformationResult(v));

    internal static async Task<Results<Ok<IReadOnlyList<ConsentView>>, ProblemHttpResult>> Consents(Guid id, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.ListConsentsAsync(CaseCalls.CallerOf(context), id, context.RequestAborted).ConfigureAwait(false), TypedResults.Ok);

    internal static async Task<Results<Created<ConsentView>, ProblemHttpResult>> RecordConsent(Guid id, RecordConsent body, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.RecordConsentAsync(CaseCalls.CallerOf(context), id, body, context.RequestAborted).ConfigureAwait(false), v => TypedResults.Created($"/v1/cases/{id}/consents/{v.Id}", v));

    internal static async Task<Results<Ok<ConsentView>, ProblemHttpResult>> WithdrawConsent(Guid id, Guid consentId, ICaseExchange cases, HttpContext context) =>
        CaseCalls.Answer(context, await cases.WithdrawConsentAsync(CaseCalls.CallerOf(context), id, consentId, context.RequestAborted).ConfigureAwait(false), TypedResults.Ok);
}
