namespace Avz.Exchange.Cases;

/// <summary>A withheld field.</summary>
/// <param name="Item">The item id.</param>
/// <param name="Category">The category.</param>
/// <param name="Supplier">The supplying party.</param>
/// <param name="Field">The field id.</param>
/// <param name="Reason">Why: not-permitted, consent-required, outside-effective-period, emergency-not-allowed, not-direction-holder.</param>
public sealed record WithheldView(Guid Item, string Category, string Supplier, string Field, string Reason);
