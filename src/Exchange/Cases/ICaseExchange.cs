using Avz.Audit.Entries;

namespace Avz.Exchange.Cases;

/// <summary>
/// The case exchange's operations, as the host exposes them under <c>/v1/cases</c>. Every operation that reaches a
/// case writes its access-log entry before it answers (the result carries the entry's index); a change commits only
/// after its entry is durable; invalid input is refused before anything is read, stored or logged.
/// </summary>
public interface ICaseExchange
{
    /// <summary>Registers a case for the caller's party; the caller and the house take part.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="request">The registration.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The case, or the error.</returns>
    Task<ExchangeResult<CaseView>> RegisterAsync(Caller caller, RegisterCase request, CancellationToken cancellationToken);

    /// <summary>Finds the caller's cases about a BSN (need-to-know: only cases its party takes part in).</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="request">The BSN, in the body.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The cases found, or the error.</returns>
    Task<ExchangeResult<SearchResult>> SearchAsync(Caller caller, SearchCases request, CancellationToken cancellationToken);

    /// <summary>Reads a case's registration, participants and status history.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="id">The case.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The case, or the error.</returns>
    Task<ExchangeResult<CaseView>> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken);

    /// <summary>Admits a party to a case (the direction holder or the house).</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="id">The case.</param>
    /// <param name="request">The party.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The case, or the error.</returns>
    Task<ExchangeResult<CaseView>> AdmitAsync(Caller caller, Guid id, AdmitParticipant request, CancellationToken cancellationToken);

    /// <summary>Hands process direction to another participant.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="id">The case.</param>
    /// <param name="request">The new direction holder.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The case, or the error.</returns>
    Task<ExchangeResult<CaseView>> HandOverAsync(Caller caller, Guid id, HandOverDirection request, CancellationToken cancellationToken);

    /// <summary>Moves the case to another status; closing starts its retention period.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="id">The case.</param>
    /// <param name="request">The new status.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The case, or the error.</returns>
    Task<ExchangeResult<CaseView>> ChangeStatusAsync(Caller caller, Guid id, ChangeStatus request, CancellationToken cancellationToken);

    /// <summary>Stores an item of information the caller's party supplies, each field encrypted.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="id">The case.</param>
    /// <param name="request">The category and its fields.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The stored item, or the error.</returns>
    Task<ExchangeResult<SuppliedItem>> SupplyAsync(Caller caller, Guid id, SupplyItem request, CancellationToken cancellationToken);

    /// <summary>What the policy releases to the caller for the case's purpose, and what it withholds and why.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="id">The case.</param>
    /// <param name="purpose">The purpose the caller names; it must be the case's.</param>
    /// <param name="category">Only this category, when given.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The information, or the error.</returns>
    Task<ExchangeResult<InformationView>> RequestAsync(Caller caller, Guid id, string? purpose, string? category, CancellationToken cancellationToken);

    /// <summary>A request under the emergency override (doorzettingsmacht) by the direction holder, with a justification.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="id">The case.</param>
    /// <param name="request">The justification and an optional category.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The information, or the error.</returns>
    Task<ExchangeResult<InformationView>> EmergencyAsync(Caller caller, Guid id, EmergencyRequest request, CancellationToken cancellationToken);

    /// <summary>Records the subject's consent.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="id">The case.</param>
    /// <param name="request">The consent.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The consent, or the error.</returns>
    Task<ExchangeResult<ConsentView>> RecordConsentAsync(Caller caller, Guid id, RecordConsent request, CancellationToken cancellationToken);

    /// <summary>Withdraws a consent; it is kept, marked withdrawn.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="id">The case.</param>
    /// <param name="consentId">The consent.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The consent, or the error.</returns>
    Task<ExchangeResult<ConsentView>> WithdrawConsentAsync(Caller caller, Guid id, Guid consentId, CancellationToken cancellationToken);

    /// <summary>Adds an action to the case's plan of approach (the house or the direction holder).</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="id">The case.</param>
    /// <param name="request">The action.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The action, or why not.</returns>
    Task<ExchangeResult<PlanActionView>> AddPlanActionAsync(Caller caller, Guid id, AddPlanAction request, CancellationToken cancellationToken);

    /// <summary>Moves an action to another status (its owner, the direction holder or the house).</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="id">The case.</param>
    /// <param name="actionId">The action.</param>
    /// <param name="request">The status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The action, or why not.</returns>
    Task<ExchangeResult<PlanActionView>> ChangePlanStatusAsync(Caller caller, Guid id, Guid actionId, ChangePlanStatus request, CancellationToken cancellationToken);

    /// <summary>The case's plan as the caller may read it.</summary>
    /// <param name="caller">The caller.</param>
    /// <param name="id">The case.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The plan, or why not.</returns>
    Task<ExchangeResult<PlanView>> ReadPlanAsync(Caller caller, Guid id, CancellationToken cancellationToken);

    /// <summary>The case's consents, withdrawn ones included.</summary>
    /// <param name="caller">Who calls.</param>
    /// <param name="id">The case.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The consents, or the error.</returns>
    Task<ExchangeResult<IReadOnlyList<ConsentView>>> ListConsentsAsync(Caller caller, Guid id, CancellationToken cancellationToken);

    /// <summary>The free text an access-log entry commits to (an emergency justification, a review verdict's comment), checked against the commitment; null once a justification was erased with its case.</summary>
    /// <param name="commitment">The commitment from the leaf.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The text, or null.</returns>
    Task<string?> ReadJustificationAsync(TextCommitment commitment, CancellationToken cancellationToken);

    /// <summary>The keyed pseudonym the access log records a subject under, for a privacy officer's subject report.</summary>
    /// <param name="bsn">The BSN.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The pseudonym, or null when the BSN is not nine digits that pass the eleven-check.</returns>
    Task<string?> SubjectPseudonymAsync(string? bsn, CancellationToken cancellationToken);

    /// <summary>Keeps a review verdict's comment beside the log, encrypted, and returns the commitment its entry carries.</summary>
    /// <param name="comment">The comment.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The commitment.</returns>
    Task<TextCommitment> KeepReviewCommentAsync(string comment, CancellationToken cancellationToken);
}
