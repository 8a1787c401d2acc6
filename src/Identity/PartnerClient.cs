namespace Avz.Identity;

/// <summary>A registered partner client.</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="Party">The convenant party it acts for.</param>
/// <param name="Scopes">The scopes it may request.</param>
/// <param name="Disabled">Whether an administrator disabled it.</param>
public sealed record PartnerClient(string ClientId, string Party, IReadOnlyList<string> Scopes, bool Disabled);
