using System.Text.Json;

namespace Avz.Exchange.Cases;

/// <summary>Supplies one item: a category and values for some of its fields (strings, dates as yyyy-MM-dd, enum words, booleans).</summary>
/// <param name="Category">The category id.</param>
/// <param name="Fields">Field id to value.</param>
public sealed record SupplyItem(string? Category, IReadOnlyDictionary<string, JsonElement>? Fields);
