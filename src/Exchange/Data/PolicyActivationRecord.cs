namespace Avz.Exchange.Data;

/// <summary>
/// A version becoming the active one of its convenant. Rows are only added: the newest per convenant is active, the
/// highest id over all convenants is the generation every node compares to know it must reload.
/// </summary>
internal sealed class PolicyActivationRecord
{
    public long Id { get; set; }

    public required string Convenant { get; set; }

    public required string Hash { get; set; }

    public DateTimeOffset ActivatedAt { get; set; }

    public required string ActivatedByParty { get; set; }

    public string? ActivatedByClient { get; set; }

    public string? ActivatedByActor { get; set; }
}
