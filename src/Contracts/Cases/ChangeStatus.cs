namespace Avz.Exchange.Cases;

/// <summary>Moves a case to another status.</summary>
/// <param name="Status">The wire name of the new status.</param>
public sealed record ChangeStatus(string? Status);
