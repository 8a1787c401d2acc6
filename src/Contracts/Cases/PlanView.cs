namespace Avz.Exchange.Cases;

/// <summary>A case's plan of approach as one participant may read it.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="PolicyVersion">The policy version that decided.</param>
/// <param name="Actions">The actions the caller may read (its own always).</param>
/// <param name="Withheld">The actions it may not read: their id, owner and why, nothing more.</param>
public sealed record PlanView(Guid CaseId, string PolicyVersion, IReadOnlyList<PlanActionView> Actions, IReadOnlyList<PlanActionWithheld> Withheld);

/// <summary>One plan action.</summary>
/// <param name="Id">The action id.</param>
/// <param name="Owner">The owner party.</param>
/// <param name="Description">What is to be done; null in the answer to a status change by a party the policy does not let read it.</param>
/// <param name="Due">The due date.</param>
/// <param name="Status">open, done, stalled or cancelled.</param>
/// <param name="Overdue">Open or stalled after its due date.</param>
/// <param name="EscalationSteps">The escalation steps it has reached, in order (ids from the policy's ladder).</param>
/// <param name="History">Its status history.</param>
public sealed record PlanActionView(Guid Id, string Owner, string? Description, DateOnly Due, string Status, bool Overdue, IReadOnlyList<string> EscalationSteps, IReadOnlyList<StatusChangeView> History);

/// <summary>A plan action the caller may not read.</summary>
/// <param name="Id">The action id.</param>
/// <param name="Owner">The owner party, to ask.</param>
/// <param name="Reason">Why it is withheld (a withheld reason word).</param>
public sealed record PlanActionWithheld(Guid Id, string Owner, string Reason);
