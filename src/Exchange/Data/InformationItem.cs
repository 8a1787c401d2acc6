namespace Avz.Exchange.Data;

/// <summary>What one party supplied about a case at one time: a category and its fields, each encrypted.</summary>
internal sealed class InformationItem
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    public required string Category { get; set; }

    public required string Supplier { get; set; }

    public required string Purpose { get; set; }

    public DateTimeOffset SuppliedAt { get; set; }

    public List<InformationField> Fields { get; } = [];
}
