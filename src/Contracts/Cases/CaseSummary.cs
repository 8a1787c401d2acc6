namespace Avz.Exchange.Cases;

/// <summary>A case found by search, without its subject.</summary>
/// <param name="Id">The case id.</param>
/// <param name="Convenant">The convenant.</param>
/// <param name="Purpose">The purpose.</param>
/// <param name="Status">The status.</param>
/// <param name="RegisteredAt">When it was registered.</param>
public sealed record CaseSummary(Guid Id, string Convenant, string Purpose, string Status, DateTimeOffset RegisteredAt);
