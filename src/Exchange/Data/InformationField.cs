namespace Avz.Exchange.Data;

/// <summary>One field of an item: its name and its ciphertext (see FieldCipher).</summary>
internal sealed class InformationField
{
    public Guid ItemId { get; set; }

    public required string Name { get; set; }

    public required byte[] Ciphertext { get; set; }
}
