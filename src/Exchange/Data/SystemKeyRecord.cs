namespace Avz.Exchange.Data;

/// <summary>An installation-wide secret (the subject secret behind blind index and pseudonym), wrapped by the KEK like a data key.</summary>
internal sealed class SystemKeyRecord
{
    public required string Name { get; set; }

    public required string KekId { get; set; }

    public required byte[] Wrapped { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
