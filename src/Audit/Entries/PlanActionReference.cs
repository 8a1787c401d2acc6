namespace Avz.Audit.Entries;

/// <summary>
/// The plan action a <c>plan.*</c> entry is about: its id, and as the entry needs them its owner party, status, the
/// escalation step taken (an id from the policy's ladder) and the party the step reached. Never its description.
/// </summary>
/// <param name="Id">The action id.</param>
/// <param name="Owner">The owner party.</param>
/// <param name="Status">The status the action has after the entry's change.</param>
/// <param name="Step">The escalation step taken (<c>plan.escalate</c>).</param>
/// <param name="To">The parties the step reached (<c>plan.escalate</c>).</param>
public sealed record PlanActionReference(string Id, string? Owner, PlanActionStatus? Status, string? Step, IReadOnlyList<string>? To);
