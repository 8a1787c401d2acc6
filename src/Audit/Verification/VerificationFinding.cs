namespace Avz.Audit.Verification;

/// <summary>One thing wrong with the log.</summary>
/// <param name="Kind">What kind of problem.</param>
/// <param name="Index">The first bad entry index, or the checkpoint's tree size.</param>
/// <param name="Message">A sentence for the privacy officer or auditor.</param>
public sealed record VerificationFinding(FindingKind Kind, long Index, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} at {Index}: {Message}";
}
