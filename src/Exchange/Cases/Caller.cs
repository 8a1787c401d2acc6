using Avz.Audit.Entries;

namespace Avz.Exchange.Cases;

/// <summary>Who calls: the partner client, its convenant party, the acting professional, and the request's ids for the access log.</summary>
/// <param name="Party">The client's convenant party.</param>
/// <param name="Client">The client id.</param>
/// <param name="Actor">The acting professional (Avz-Actor-Id).</param>
/// <param name="Role">The professional's role (Avz-Actor-Role).</param>
/// <param name="OnBehalfOf">The responsible user acted for (Avz-On-Behalf-Of), if any.</param>
/// <param name="TransactionId">The Avz-Transaction-Id.</param>
/// <param name="TraceId">The W3C trace id.</param>
public sealed record Caller(string Party, string Client, string Actor, string Role, string? OnBehalfOf, string? TransactionId, string? TraceId)
{
    /// <summary>An access-log entry naming this caller (NEN 7513: who, in which role, for whom), with the action and its outcome.</summary>
    /// <param name="action">The action.</param>
    /// <param name="decision">The outcome.</param>
    /// <returns>The entry, to be completed with what the call touched.</returns>
    public AccessLogEntry Entry(EntryAction action, EntryDecision decision) => new()
    {
        Party = Party,
        Client = Client,
        Actor = Actor,
        ActorRole = Role,
        OnBehalfOf = OnBehalfOf,
        Action = action,
        Decision = decision,
        TransactionId = TransactionId,
        TraceId = TraceId,
    };
}
