namespace Avz.Exchange.Data;

/// <summary>
/// A privacy officer's comment on a review verdict, kept beside the log: the verdict's leaf carries only its salted
/// commitment. Encrypted under the review-comment system key; unlike a justification it belongs to no case and outlives
/// case retention, as the log does.
/// </summary>
internal sealed class ReviewCommentRecord
{
    /// <summary>The commitment, <c>sha256:</c> and 64 hex digits, as in the leaf.</summary>
    public required string Commitment { get; set; }

    /// <summary>AES-256-GCM: 12-byte nonce, 16-byte tag, then the 16-byte salt and the text's UTF-8 bytes encrypted; the commitment is the associated data.</summary>
    public required byte[] Ciphertext { get; set; }

    public DateTimeOffset StoredAt { get; set; }
}
