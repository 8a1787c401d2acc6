namespace Avz.Exchange;

/// <summary>Who the gateway takes the caller for.</summary>
/// <param name="Client">The OAuth client id.</param>
/// <param name="Party">The convenant party the client is bound to.</param>
/// <param name="Scopes">The scopes of the access token.</param>
/// <param name="Actor">The acting professional.</param>
/// <param name="Role">The professional's role.</param>
public sealed record PartnerSession(string Client, string Party, IReadOnlyList<string> Scopes, string Actor, string Role);
