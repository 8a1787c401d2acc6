namespace Avz.Exchange.Api.Audit;

/// <summary>An inclusion proof: the audit path (base64 SHA-256 hashes, RFC 9162 §2.1.3) of an entry in a tree size.</summary>
/// <param name="Index">The entry.</param>
/// <param name="TreeSize">The tree size.</param>
/// <param name="Hashes">The path, leaf upwards.</param>
public sealed record InclusionProofView(long Index, long TreeSize, IReadOnlyList<string> Hashes);
