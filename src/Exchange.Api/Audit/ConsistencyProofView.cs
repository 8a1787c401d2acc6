namespace Avz.Exchange.Api.Audit;

/// <summary>A consistency proof between two tree sizes (base64 SHA-256 hashes, RFC 9162 §2.1.4).</summary>
/// <param name="From">The smaller size.</param>
/// <param name="To">The larger size.</param>
/// <param name="Hashes">The proof.</param>
public sealed record ConsistencyProofView(long From, long To, IReadOnlyList<string> Hashes);
