namespace Avz.Audit.Entries;

/// <summary>The partner client a client change is about.</summary>
/// <param name="Id">The client id.</param>
/// <param name="Scopes">The scopes it was registered with; empty when it was disabled.</param>
public sealed record ClientReference(string Id, IReadOnlyList<string> Scopes);
