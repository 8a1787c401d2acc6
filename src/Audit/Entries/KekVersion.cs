namespace Avz.Audit.Entries;

/// <summary>The key-encryption key a rotation made current.</summary>
/// <param name="Provider">Where the key is held.</param>
/// <param name="Version">The new current version; null when the rotation failed before one existed.</param>
public sealed record KekVersion(KeyProvider Provider, string? Version);
