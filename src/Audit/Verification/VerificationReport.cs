namespace Avz.Audit.Verification;

/// <summary>The outcome of verifying a whole log.</summary>
/// <param name="Entries">Entries read.</param>
/// <param name="Checkpoints">Checkpoints checked.</param>
/// <param name="SignedSize">The largest tree size a valid checkpoint signs.</param>
/// <param name="Findings">What is wrong; empty when the log verifies.</param>
public sealed record VerificationReport(long Entries, int Checkpoints, long SignedSize, IReadOnlyList<VerificationFinding> Findings)
{
    /// <summary>Whether the log verifies.</summary>
    public bool Succeeded => Findings.Count == 0;

    /// <summary>Entries beyond the newest checkpoint: intact so far as the tiles tell, but not yet under a signature.</summary>
    public long Uncovered => Math.Max(0, Entries - SignedSize);
}
