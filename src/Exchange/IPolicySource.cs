using Avz.Policy;

namespace Avz.Exchange;

/// <summary>Where the exchange finds the active compiled policy of a convenant.</summary>
public interface IPolicySource
{
    /// <summary>The active policy of a convenant, or null when the convenant is unknown.</summary>
    /// <param name="convenant">The convenant id.</param>
    /// <returns>The policy.</returns>
    CompiledPolicy? Find(string convenant);

    /// <summary>Every active policy; none unless the source lists them.</summary>
    IEnumerable<CompiledPolicy> Active => [];

    /// <summary>Takes up the versions the store says are active now, after an activation on this node.</summary>
    /// <param name="store">The policy store of the activating request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task RefreshAsync(Policies.IPolicyAdministration store, CancellationToken cancellationToken) => Task.CompletedTask;
}
