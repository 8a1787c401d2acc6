namespace Avz.Exchange.Cases;

/// <summary>Hands process direction to a participant.</summary>
/// <param name="Party">The party that takes over.</param>
public sealed record HandOverDirection(string? Party);
