namespace Avz.Policy.Analysis;

/// <summary>One cell of the access matrix whose level differs between two policy versions.</summary>
/// <param name="Purpose">The purpose.</param>
/// <param name="Recipient">The receiving party.</param>
/// <param name="Supplier">The supplying party.</param>
/// <param name="Category">The category.</param>
/// <param name="Field">The field.</param>
/// <param name="Before">Its level in the old version.</param>
/// <param name="After">Its level in the new version.</param>
public sealed record AccessChange(string Purpose, string Recipient, string Supplier, string Category, string Field, AccessLevel Before, AccessLevel After)
{
    /// <summary>Whether the recipient gains access.</summary>
    public bool IsGain => After > Before;
}
