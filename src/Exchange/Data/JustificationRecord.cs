namespace Avz.Exchange.Data;

/// <summary>
/// Free text an access-log entry commits to but must not hold (an emergency justification): the salt and the text,
/// encrypted together under the case's data key, keyed by the commitment the leaf carries. Shredding the case erases
/// it; the leaf's commitment then reveals nothing, and the log still verifies.
/// </summary>
internal sealed class JustificationRecord
{
    /// <summary>The commitment, <c>sha256:</c> and 64 hex digits, as in the leaf.</summary>
    public required string Commitment { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>AES-256-GCM under the case's data key: the 16-byte salt followed by the text's UTF-8 bytes.</summary>
    public required byte[] Ciphertext { get; set; }

    public DateTimeOffset StoredAt { get; set; }
}
