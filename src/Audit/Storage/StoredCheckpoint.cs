namespace Avz.Audit.Storage;

/// <summary>A checkpoint the log signed and keeps.</summary>
/// <param name="Size">The tree size.</param>
/// <param name="Root">The root hash.</param>
/// <param name="Note">The signed note, as served.</param>
/// <param name="SignedAt">When it was signed.</param>
public sealed record StoredCheckpoint(long Size, byte[] Root, string Note, DateTimeOffset SignedAt);
