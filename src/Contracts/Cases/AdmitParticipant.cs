namespace Avz.Exchange.Cases;

/// <summary>Admits a party to a case.</summary>
/// <param name="Party">The party id.</param>
public sealed record AdmitParticipant(string? Party);
