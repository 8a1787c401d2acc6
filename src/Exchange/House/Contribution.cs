namespace Avz.Exchange.House;

/// <summary>One municipality's share of a budget divided by population.</summary>
/// <param name="Party">The municipality's party id.</param>
/// <param name="Name">The municipality's name.</param>
/// <param name="Population">Its inhabitants, as the policy gives them.</param>
/// <param name="Amount">Its share in euros, to the cent.</param>
/// <param name="Exact">The exact pro-rata share (to decimal's precision), from which <paramref name="Amount"/> is less than a cent away.</param>
public sealed record Contribution(string Party, string Name, int Population, decimal Amount, decimal Exact);
