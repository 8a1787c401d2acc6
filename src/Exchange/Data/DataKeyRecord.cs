namespace Avz.Exchange.Data;

/// <summary>A case's data key, wrapped by the key-encryption key. Shredding clears <see cref="Wrapped"/> for good.</summary>
internal sealed class DataKeyRecord
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public int Version { get; set; }

    public required string KekId { get; set; }

    public required byte[] Wrapped { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DestroyedAt { get; set; }
}
