namespace Avz.Exchange.Cases;

/// <summary>A released item.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Category">The category.</param>
/// <param name="Supplier">The supplying party.</param>
/// <param name="SuppliedAt">When it was supplied.</param>
/// <param name="Fields">Released field id to value (string or boolean).</param>
/// <param name="LegalBasis">The legal bases under which the fields were released.</param>
public sealed record ItemView(Guid Id, string Category, string Supplier, DateTimeOffset SuppliedAt, IReadOnlyDictionary<string, object> Fields, IReadOnlyList<string> LegalBasis);
