namespace Avz.Exchange.Data;

/// <summary>How far the access log has been reconciled with the case data: entries below <see cref="NextIndex"/> were checked.</summary>
internal sealed class ReconciliationMark
{
    public int Id { get; set; }

    public long NextIndex { get; set; }
}
