namespace Avz.Exchange.Cases;

/// <summary>Moves a plan action to another status.</summary>
/// <param name="Status">open, done, stalled or cancelled.</param>
public sealed record ChangePlanStatus(string? Status);
