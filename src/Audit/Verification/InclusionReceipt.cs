using System.Text.Json.Serialization;

namespace Avz.Audit.Verification;

/// <summary>
/// Everything needed to check, offline and trusting only the log's verifier key, that one entry is in the log: the
/// entry's leaf, its index, a signed checkpoint and the inclusion proof for that checkpoint's size. JSON, as a
/// partner stores it.
/// </summary>
public sealed record InclusionReceipt
{
    /// <summary>The entry's index.</summary>
    [JsonPropertyName("index")]
    public long Index { get; init; }

    /// <summary>The canonical leaf bytes, base64.</summary>
    [JsonPropertyName("leaf")]
    public required string Leaf { get; init; }

    /// <summary>The signed checkpoint note.</summary>
    [JsonPropertyName("checkpoint")]
    public required string Checkpoint { get; init; }

    /// <summary>The inclusion proof, base64 hashes bottom to top.</summary>
    [JsonPropertyName("proof")]
    public required IReadOnlyList<string> Proof { get; init; }

    /// <summary>Makes a receipt for an entry from a log and its newest checkpoint.</summary>
    /// <param name="log">The log.</param>
    /// <param name="index">The entry.</param>
    /// <returns>The receipt.</returns>
    public static InclusionReceipt For(AccessLog log, long index)
    {
        ArgumentNullException.ThrowIfNull(log);
        var checkpoint = log.LatestCheckpoint ?? throw new InvalidOperationException("The log has no checkpoint yet.");
        return new InclusionReceipt
        {
            Index = index,
            Leaf = Convert.ToBase64String(log.ReadLeaf(index) ?? throw new ArgumentOutOfRangeException(nameof(index))),
            Checkpoint = checkpoint.Note,
            Proof = log.InclusionProof(index, checkpoint.Size).Select(Convert.ToBase64String).ToArray(),
        };
    }
}
