namespace Avz.Exchange.Cases;

/// <summary>What a request returns: the permitted items with their decrypted values, and every withheld field with its reason.</summary>
/// <param name="Case">The case id.</param>
/// <param name="Purpose">The purpose decided for.</param>
/// <param name="Emergency">Whether this was an emergency request.</param>
/// <param name="PolicyVersion">The policy version hash the decisions used.</param>
/// <param name="Items">Items with at least one released field.</param>
/// <param name="Withheld">Fields withheld, with reasons; never silently dropped.</param>
public sealed record InformationView(Guid Case, string Purpose, bool Emergency, string PolicyVersion, IReadOnlyList<ItemView> Items, IReadOnlyList<WithheldView> Withheld);
