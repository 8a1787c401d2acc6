namespace Avz.Exchange.Data;

/// <summary>
/// One stored version of a convenant policy, addressed by its version hash (the SHA-256 of the canonical policy, so
/// the same content uploaded twice is one version). The YAML is kept as first stored; it is not personal data.
/// </summary>
internal sealed class PolicyVersionRecord
{
    /// <summary><c>sha256:</c> and 64 lowercase hex digits.</summary>
    public required string Hash { get; set; }

    public required string Convenant { get; set; }

    /// <summary>The version label the file declares (<c>convenant.version</c>).</summary>
    public required string Label { get; set; }

    public required string Yaml { get; set; }

    /// <summary>Seeded from a policy file at start-up, or uploaded by an administrator.</summary>
    public PolicyOrigin Origin { get; set; }

    public DateTimeOffset StoredAt { get; set; }

    public required string StoredByParty { get; set; }

    public string? StoredByClient { get; set; }

    public string? StoredByActor { get; set; }

    /// <summary>When a second administrator approved it; a seeded version counts as approved by whoever deployed the file.</summary>
    public DateTimeOffset? ApprovedAt { get; set; }

    public string? ApprovedByParty { get; set; }

    public string? ApprovedByClient { get; set; }

    public string? ApprovedByActor { get; set; }
}

/// <summary>How a policy version came into the database.</summary>
public enum PolicyOrigin
{
    /// <summary>From the policy file at a gateway's start, for a convenant the database did not hold yet.</summary>
    Seed,

    /// <summary>Uploaded by an administrator.</summary>
    Upload,
}
