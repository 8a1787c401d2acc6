namespace Avz.Exchange.Encryption;

/// <summary>Where a ciphertext belongs: its case, item and field. Bound into the associated data so a ciphertext cannot move.</summary>
/// <param name="Case">The case id.</param>
/// <param name="Item">The item id (an information item, or a fixed name such as <c>subject</c> for case-level values).</param>
/// <param name="Field">The field name.</param>
public readonly record struct FieldPlace(Guid Case, string Item, string Field)
{
    /// <inheritdoc/>
    public override string ToString() => $"case {Case}, item {Item}, field '{Field}'";
}
