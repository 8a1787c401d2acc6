namespace Avz.Audit.Entries;

/// <summary>How many things a bulk change touched. Only the counts that apply to the action are set.</summary>
public sealed record EntryCounts
{
    /// <summary>Items deleted (<c>retention.shred</c>).</summary>
    public long? ItemsDeleted { get; init; }

    /// <summary>Data keys destroyed (<c>retention.shred</c>).</summary>
    public long? DataKeysDestroyed { get; init; }

    /// <summary>Keys re-wrapped under the new key-encryption key (<c>keys.rotate</c>).</summary>
    public long? Rewrapped { get; init; }

    /// <summary>Old key-encryption-key versions retired (<c>keys.rotate</c>).</summary>
    public long? Retired { get; init; }

    /// <summary>Entries a search of the log or a subject report found (<c>audit.search</c>, <c>audit.subject-report</c>).</summary>
    public long? Hits { get; init; }
}
