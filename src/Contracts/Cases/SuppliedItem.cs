namespace Avz.Exchange.Cases;

/// <summary>What was stored.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Category">The category.</param>
/// <param name="Fields">The field ids stored.</param>
/// <param name="SuppliedAt">When.</param>
public sealed record SuppliedItem(Guid Id, string Category, IReadOnlyList<string> Fields, DateTimeOffset SuppliedAt);
