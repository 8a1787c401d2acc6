namespace Avz.Exchange.Api.Audit;

/// <summary>An emergency justification kept beside the log, checked against the commitment in its entry.</summary>
/// <param name="Index">The entry that commits to it.</param>
/// <param name="Commitment">The commitment as the leaf carries it.</param>
/// <param name="Text">The justification.</param>
public sealed record JustificationView(long Index, string Commitment, string Text);
