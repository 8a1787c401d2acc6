namespace Avz.Policy.Analysis;

/// <summary>One line of a folded diff: the fields of a category whose level changes alike for a recipient, and the suppliers it changes alike for.</summary>
/// <param name="Purpose">The purpose.</param>
/// <param name="Recipient">The receiving party.</param>
/// <param name="Category">The category.</param>
/// <param name="Fields">The fields, in ordinal order.</param>
/// <param name="Suppliers">The supplying parties.</param>
/// <param name="Before">The level in the old version.</param>
/// <param name="After">The level in the new version.</param>
public sealed record AccessChangeGroup(string Purpose, string Recipient, string Category, IReadOnlyList<string> Fields, IReadOnlyList<string> Suppliers, AccessLevel Before, AccessLevel After)
{
    /// <summary>Whether the recipient gains access.</summary>
    public bool IsGain => After > Before;
}
