namespace Avz.Exchange.Cases;

/// <summary>A participating party.</summary>
/// <param name="Party">The party id.</param>
/// <param name="AdmittedAt">When it was admitted.</param>
/// <param name="AdmittedBy">Which party admitted it.</param>
public sealed record ParticipantView(string Party, DateTimeOffset AdmittedAt, string AdmittedBy);
