using Avz.Exchange.Cases;
using Avz.Policy;

namespace Avz.Exchange.Policies;

/// <summary>
/// The convenant policies as the database holds them, shared by every gateway node: versions addressed by hash,
/// uploaded, approved by a second administrator, activated. Every upload, approval and activation, and every refused
/// attempt at one, is an access-log entry carrying the hash, written before the change (fail closed).
/// </summary>
public interface IPolicyAdministration
{
    /// <summary>The active version of every convenant.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The versions.</returns>
    /// <exception cref="InvalidOperationException">A stored version does not compile to its hash (altered in the database).</exception>
    Task<IReadOnlyList<ActivePolicyVersion>> ActiveVersionsAsync(CancellationToken cancellationToken);

    /// <summary>A number that grows with every activation on any node; a node reloads when it changes.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The generation; 0 before the first.</returns>
    Task<long> GenerationAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores and activates a policy file's version for a convenant the database holds no version of yet (a
    /// <c>policy.seed</c> entry). A convenant that has versions is left alone.
    /// </summary>
    /// <param name="policy">The file's compiled policy.</param>
    /// <param name="yaml">The file's text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the file was seeded.</returns>
    Task<bool> SeedAsync(CompiledPolicy policy, string yaml, CancellationToken cancellationToken);

    /// <summary>Stores a validated policy as a version awaiting approval (once: the same content is the same version), with its diff and impact against the active version.</summary>
    /// <param name="caller">The administrator.</param>
    /// <param name="convenant">The convenant the path names.</param>
    /// <param name="policy">The validated, compiled policy.</param>
    /// <param name="yaml">Its text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The upload, or an error.</returns>
    Task<ExchangeResult<PolicyUpload>> UploadAsync(Caller caller, string convenant, CompiledPolicy policy, string yaml, CancellationToken cancellationToken);

    /// <summary>The versions of a convenant, newest first.</summary>
    /// <param name="convenant">The convenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The versions; an error when the convenant has none.</returns>
    Task<ExchangeResult<IReadOnlyList<PolicyVersionView>>> ListAsync(string convenant, CancellationToken cancellationToken);

    /// <summary>A version with its diff and impact against the active version, as an approver reads it.</summary>
    /// <param name="convenant">The convenant.</param>
    /// <param name="hash">The version hash.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The review, or an error.</returns>
    Task<ExchangeResult<PolicyReview>> ReviewAsync(string convenant, string hash, CancellationToken cancellationToken);

    /// <summary>The policy text of a version.</summary>
    /// <param name="convenant">The convenant.</param>
    /// <param name="hash">The version hash.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The YAML, or an error when there is no such version.</returns>
    Task<ExchangeResult<string>> TextAsync(string convenant, string hash, CancellationToken cancellationToken);

    /// <summary>Approves a version: four eyes, so not by the client or professional who uploaded it.</summary>
    /// <param name="caller">The second administrator.</param>
    /// <param name="convenant">The convenant.</param>
    /// <param name="hash">The version hash.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version, or an error.</returns>
    Task<ExchangeResult<PolicyVersionView>> ApproveAsync(Caller caller, string convenant, string hash, CancellationToken cancellationToken);

    /// <summary>Makes an approved version the active one on every node; activating an older version is the rollback.</summary>
    /// <param name="caller">The administrator.</param>
    /// <param name="convenant">The convenant.</param>
    /// <param name="hash">The version hash.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The version, or an error.</returns>
    Task<ExchangeResult<PolicyVersionView>> ActivateAsync(Caller caller, string convenant, string hash, CancellationToken cancellationToken);
}
