using Avz.Audit.Entries;

namespace Avz.Exchange.Cases;

/// <summary>The wire words of plan action statuses, as the access log writes them.</summary>
internal static class PlanWords
{
    public static string ToWire(this PlanActionStatus status) => Wire.Of(status);

    public static PlanActionStatus? Parse(string? text) =>
        Enum.GetValues<PlanActionStatus>().Cast<PlanActionStatus?>().FirstOrDefault(s => string.Equals(Wire.Of(s!.Value), text, StringComparison.Ordinal));

    /// <summary>Whether an action in this status still runs (and escalates when overdue).</summary>
    public static bool Runs(this PlanActionStatus status) => status is PlanActionStatus.Open or PlanActionStatus.Stalled;
}
