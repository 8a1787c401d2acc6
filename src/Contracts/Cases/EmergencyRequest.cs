namespace Avz.Exchange.Cases;

/// <summary>An emergency request (doorzettingsmacht): why the usual conditions are overridden.</summary>
/// <param name="Justification">The justification, reviewed by the privacy officer.</param>
/// <param name="Category">Optionally one category only.</param>
public sealed record EmergencyRequest(string? Justification, string? Category);
