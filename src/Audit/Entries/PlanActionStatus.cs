namespace Avz.Audit.Entries;

/// <summary>The status of a plan action (<c>planAction.status</c>). Every value is specified in <c>src/Audit/README.md</c>.</summary>
public enum PlanActionStatus
{
    /// <summary><c>open</c>: agreed, not done yet.</summary>
    Open,

    /// <summary><c>done</c>: carried out.</summary>
    Done,

    /// <summary><c>stalled</c>: stuck; the owner or the direction holder says so.</summary>
    Stalled,

    /// <summary><c>cancelled</c>: no longer to be done.</summary>
    Cancelled,
}
