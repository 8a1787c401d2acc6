namespace Avz.Exchange.Cases;

/// <summary>Adds an action to a case's plan of approach.</summary>
/// <param name="Owner">The participating party that carries it out.</param>
/// <param name="Description">What is to be done, 1-2000 characters; stored only encrypted, read under the policy's <c>plan-action</c> category.</param>
/// <param name="Due">The due date (yyyy-MM-dd, in the convenant's time zone); after it the action is overdue and escalates.</param>
public sealed record AddPlanAction(string? Owner, string? Description, DateOnly? Due);
