using System.Collections.Frozen;
using Avz.Exchange.Policies;
using Avz.Policy;

namespace Avz.Exchange.Api.Policies;

/// <summary>
/// The compiled policies this node decides with: each convenant's active version in the database, shared by every
/// node. Loaded at start-up (after the policy files seeded any convenant the database lacked), reloaded when an
/// administrator activates a version here, and by <see cref="PolicyRefresh"/> when one was activated on another node.
/// </summary>
/// <param name="logger">Where a node says which versions it now decides with.</param>
public sealed class PolicyCatalog(ILogger<PolicyCatalog> logger) : Avz.Exchange.IPolicySource, IDisposable
{
    private readonly SemaphoreSlim reloading = new(1, 1);

    private volatile Snapshot current = new(FrozenDictionary<string, CompiledPolicy>.Empty, -1);

    /// <summary>The active policies by convenant id.</summary>
    public IReadOnlyDictionary<string, CompiledPolicy> Policies => current.Policies;

    /// <summary>The activation generation the policies were loaded at; -1 before the first load.</summary>
    public long Generation => current.Generation;

    /// <inheritdoc/>
    public CompiledPolicy? Find(string convenant) => current.Policies.GetValueOrDefault(convenant);

    /// <inheritdoc/>
    public IEnumerable<CompiledPolicy> Active => current.Policies.Values;

    /// <inheritdoc/>
    public Task RefreshAsync(IPolicyAdministration store, CancellationToken cancellationToken) => ReloadAsync(store, cancellationToken);

    /// <summary>Loads the active versions from the database, unless this node has them already.</summary>
    /// <param name="store">The policy store of a request scope.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The convenants whose version changed; empty when nothing did.</returns>
    /// <exception cref="InvalidOperationException">A stored version does not compile to its hash; the loaded policies stay.</exception>
    public async Task<IReadOnlyList<CompiledPolicy>> ReloadAsync(IPolicyAdministration store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);

        // One reload at a time, so a slow periodic reload cannot put back an older generation after an activation's.
        await reloading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var generation = await store.GenerationAsync(cancellationToken).ConfigureAwait(false);
            var before = current;
            if (generation == before.Generation)
            {
                return [];
            }

            var active = await store.ActiveVersionsAsync(cancellationToken).ConfigureAwait(false);
            var policies = active.ToFrozenDictionary(a => a.Convenant, a => a.Policy, StringComparer.Ordinal);
            current = new Snapshot(policies, generation);
            var changed = policies.Values.Where(p => before.Policies.GetValueOrDefault(p.ConvenantId)?.VersionHash != p.VersionHash).ToArray();
            foreach (var policy in changed)
            {
                PolicyLog.PolicyLoaded(logger, policy.ConvenantId, policy.Document.Convenant.Version, policy.VersionHash);
            }

            return changed;
        }
        finally
        {
            reloading.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => reloading.Dispose();

    private sealed record Snapshot(FrozenDictionary<string, CompiledPolicy> Policies, long Generation);
}
