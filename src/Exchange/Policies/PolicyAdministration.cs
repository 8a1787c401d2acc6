using System.Collections.Concurrent;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Avz.Policy;
using Avz.Policy.Analysis;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Policies;

/// <inheritdoc cref="IPolicyAdministration"/>
/// <remarks>One instance per request scope (it holds the scope's DbContext).</remarks>
internal sealed class PolicyAdministration(ExchangeDbContext db, AccessLog log, LoggedSave saves, CompiledVersions compiled, IPolicySource policies, TimeProvider time) : IPolicyAdministration
{
    public async Task<IReadOnlyList<ActivePolicyVersion>> ActiveVersionsAsync(CancellationToken cancellationToken)
    {
        var latest = await db.PolicyActivations.AsNoTracking().GroupBy(a => a.Convenant).Select(g => g.Max(a => a.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var active = await db.PolicyActivations.AsNoTracking().Where(a => latest.Contains(a.Id))
            .Join(db.PolicyVersions.AsNoTracking(), a => a.Hash, v => v.Hash, (a, v) => new { a.Convenant, v.Hash, v.Yaml })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. active.Select(a => new ActivePolicyVersion(a.Convenant, compiled.Of(a.Hash, a.Yaml)))];
    }

    public async Task<long> GenerationAsync(CancellationToken cancellationToken) =>
        await db.PolicyActivations.MaxAsync(a => (long?)a.Id, cancellationToken).ConfigureAwait(false) ?? 0;

    public async Task<bool> SeedAsync(CompiledPolicy policy, string yaml, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var convenant = policy.ConvenantId;
        if (await db.PolicyVersions.AnyAsync(v => v.Convenant == convenant, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var now = time.GetUtcNow();
        db.PolicyVersions.Add(new PolicyVersionRecord
        {
            Hash = policy.VersionHash,
            Convenant = convenant,
            Label = policy.Document.Convenant.Version,
            Yaml = yaml,
            Origin = PolicyOrigin.Seed,
            StoredAt = now,
            StoredByParty = RetentionJob.SystemParty,
            ApprovedAt = now,
        });
        db.PolicyActivations.Add(new PolicyActivationRecord { Convenant = convenant, Hash = policy.VersionHash, ActivatedAt = now, ActivatedByParty = RetentionJob.SystemParty });
        var entry = new AccessLogEntry
        {
            Party = RetentionJob.SystemParty,
            Action = EntryAction.PolicySeed,
            Decision = EntryDecision.Permitted,
            Convenant = convenant,
            PolicyVersion = policy.VersionHash,
        };
        try
        {
            await saves.SaveAsync(db, entry, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node seeded the convenant at the same moment; the log says this one stored nothing.
            db.ChangeTracker.Clear();
            if (await db.PolicyVersions.AsNoTracking().AnyAsync(v => v.Convenant == convenant, CancellationToken.None).ConfigureAwait(false))
            {
                return false;
            }

            throw;
        }
    }

    public async Task<ExchangeResult<PolicyUpload>> UploadAsync(Caller caller, string convenant, CompiledPolicy policy, string yaml, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(policy);
        if (!string.Equals(policy.ConvenantId, convenant, StringComparison.Ordinal))
        {
            return ExchangeResult<PolicyUpload>.Fail(ExchangeErrors.ConvenantMismatch);
        }

        if (await ActiveAsync(convenant, cancellationToken).ConfigureAwait(false) is not { } active)
        {
            return ExchangeResult<PolicyUpload>.Fail(ExchangeErrors.NoActivePolicy);
        }

        var entry = Entry(caller, EntryAction.PolicyUpload, EntryDecision.Permitted, convenant, policy.VersionHash);
        var existing = await db.PolicyVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Hash == policy.VersionHash, cancellationToken).ConfigureAwait(false);
        long index;
        var created = existing is null;
        if (existing is null)
        {
            existing = new PolicyVersionRecord
            {
                Hash = policy.VersionHash,
                Convenant = convenant,
                Label = policy.Document.Convenant.Version,
                Yaml = yaml,
                Origin = PolicyOrigin.Upload,
                StoredAt = time.GetUtcNow(),
                StoredByParty = caller.Party,
                StoredByClient = caller.Client,
                StoredByActor = caller.Actor,
            };
            db.PolicyVersions.Add(existing);
            // Two identical uploads at the same moment: one stores the version, the other fails on its key (500), and
            // its entry is followed by a not-stored entry; uploading again then finds the version.
            index = await saves.SaveAsync(db, entry, cancellationToken).ConfigureAwait(false);
            compiled.Remember(policy);
        }
        else
        {
            // The same content is the same version: the upload is logged, and nothing new is stored.
            index = await log.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        var review = await ReviewOfAsync(existing, active, policy, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<PolicyUpload>.Ok(new PolicyUpload(review, created), index);
    }

    public async Task<ExchangeResult<IReadOnlyList<PolicyVersionView>>> ListAsync(string convenant, CancellationToken cancellationToken)
    {
        var versions = await db.PolicyVersions.AsNoTracking().Where(v => v.Convenant == convenant).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return ExchangeResult<IReadOnlyList<PolicyVersionView>>.Fail(ExchangeErrors.NoActivePolicy);
        }

        var activations = await ActivationsAsync(convenant, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<IReadOnlyList<PolicyVersionView>>.Ok([.. versions.OrderByDescending(v => v.StoredAt).Select(v => View(v, activations))]);
    }

    public async Task<ExchangeResult<PolicyReview>> ReviewAsync(string convenant, string hash, CancellationToken cancellationToken)
    {
        if (await FindAsync(convenant, hash, cancellationToken).ConfigureAwait(false) is not { } version)
        {
            return ExchangeResult<PolicyReview>.Fail(ExchangeErrors.PolicyVersionNotFound);
        }

        var active = await ActiveAsync(convenant, cancellationToken).ConfigureAwait(false);
        return ExchangeResult<PolicyReview>.Ok(await ReviewOfAsync(version, active!, compiled.Of(version.Hash, version.Yaml), cancellationToken).ConfigureAwait(false));
    }

    public async Task<ExchangeResult<string>> TextAsync(string convenant, string hash, CancellationToken cancellationToken) =>
        await FindAsync(convenant, hash, cancellationToken).ConfigureAwait(false) is { } version
            ? ExchangeResult<string>.Ok(version.Yaml)
            : ExchangeResult<string>.Fail(ExchangeErrors.PolicyVersionNotFound);

    public async Task<ExchangeResult<PolicyVersionView>> ApproveAsync(Caller caller, string convenant, string hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await FindAsync(convenant, hash, cancellationToken, tracked: true).ConfigureAwait(false) is not { } version)
        {
            return ExchangeResult<PolicyVersionView>.Fail(ExchangeErrors.PolicyVersionNotFound);
        }

        if (string.Equals(version.StoredByClient, caller.Client, StringComparison.Ordinal) || string.Equals(version.StoredByActor, caller.Actor, StringComparison.Ordinal))
        {
            // Four eyes: the uploader's own client, or the same professional through another client, cannot approve.
            var refused = await log.AppendAsync(
                Entry(caller, EntryAction.PolicyApprove, EntryDecision.Refused, convenant, version.Hash) with { Reasons = [EntryReason.SameAdministrator] }, cancellationToken).ConfigureAwait(false);
            return ExchangeResult<PolicyVersionView>.Fail(ExchangeErrors.SameAdministrator, refused);
        }

        var entry = Entry(caller, EntryAction.PolicyApprove, EntryDecision.Permitted, convenant, version.Hash);
        long index;
        if (version.ApprovedAt is null)
        {
            version.ApprovedAt = time.GetUtcNow();
            version.ApprovedByParty = caller.Party;
            version.ApprovedByClient = caller.Client;
            version.ApprovedByActor = caller.Actor;
            index = await saves.SaveAsync(db, entry, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            index = await log.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        return ExchangeResult<PolicyVersionView>.Ok(View(version, await ActivationsAsync(convenant, cancellationToken).ConfigureAwait(false)), index);
    }

    public async Task<ExchangeResult<PolicyVersionView>> ActivateAsync(Caller caller, string convenant, string hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await FindAsync(convenant, hash, cancellationToken).ConfigureAwait(false) is not { } version)
        {
            return ExchangeResult<PolicyVersionView>.Fail(ExchangeErrors.PolicyVersionNotFound);
        }

        if (version.ApprovedAt is null)
        {
            var refused = await log.AppendAsync(
                Entry(caller, EntryAction.PolicyActivate, EntryDecision.Refused, convenant, version.Hash) with { Reasons = [EntryReason.NotApproved] }, cancellationToken).ConfigureAwait(false);
            return ExchangeResult<PolicyVersionView>.Fail(ExchangeErrors.NotApproved, refused);
        }

        // A stored version that no longer compiles to its hash is never activated (it would decide with something else).
        compiled.Of(version.Hash, version.Yaml);
        var entry = Entry(caller, EntryAction.PolicyActivate, EntryDecision.Permitted, convenant, version.Hash);
        var activations = await ActivationsAsync(convenant, cancellationToken).ConfigureAwait(false);
        long index;
        if (activations.Count > 0 && activations[^1].Hash == version.Hash)
        {
            index = await log.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var activation = new PolicyActivationRecord
            {
                Convenant = convenant,
                Hash = version.Hash,
                ActivatedAt = time.GetUtcNow(),
                ActivatedByParty = caller.Party,
                ActivatedByClient = caller.Client,
                ActivatedByActor = caller.Actor,
            };
            db.PolicyActivations.Add(activation);
            index = await saves.SaveAsync(db, entry, cancellationToken).ConfigureAwait(false);
            activations = [.. activations, activation];

            // This node decides with the new version from the next request on; the others follow at their next check.
            await policies.RefreshAsync(this, CancellationToken.None).ConfigureAwait(false);
        }

        return ExchangeResult<PolicyVersionView>.Ok(View(version, activations), index);
    }

    private static AccessLogEntry Entry(Caller caller, EntryAction action, EntryDecision decision, string convenant, string hash) =>
        caller.Entry(action, decision) with { Convenant = convenant, PolicyVersion = hash };

    private async Task<PolicyVersionRecord?> FindAsync(string convenant, string hash, CancellationToken cancellationToken, bool tracked = false)
    {
        var versions = tracked ? db.PolicyVersions : db.PolicyVersions.AsNoTracking();
        return await versions.FirstOrDefaultAsync(v => v.Hash == hash && v.Convenant == convenant, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<PolicyActivationRecord>> ActivationsAsync(string convenant, CancellationToken cancellationToken) =>
        await db.PolicyActivations.AsNoTracking().Where(a => a.Convenant == convenant).OrderBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The convenant's active version, compiled; null when the database holds none.</summary>
    private async Task<CompiledPolicy?> ActiveAsync(string convenant, CancellationToken cancellationToken)
    {
        var hash = await db.PolicyActivations.AsNoTracking().Where(a => a.Convenant == convenant).OrderByDescending(a => a.Id).Select(a => a.Hash)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (hash is null)
        {
            return null;
        }

        if (compiled.Find(hash) is { } known)
        {
            return known;
        }

        var yaml = await db.PolicyVersions.AsNoTracking().Where(v => v.Hash == hash).Select(v => v.Yaml).FirstAsync(cancellationToken).ConfigureAwait(false);
        return compiled.Of(hash, yaml);
    }

    private async Task<PolicyReview> ReviewOfAsync(PolicyVersionRecord version, CompiledPolicy active, CompiledPolicy candidate, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var activations = await ActivationsAsync(version.Convenant, cancellationToken).ConfigureAwait(false);
        var impact = await PolicyImpact.MeasureAsync(db, active, candidate, now, cancellationToken).ConfigureAwait(false);
        return new PolicyReview(View(version, activations), PolicyDiffView.Of(active.VersionHash, PolicyDiff.Compare(active, candidate, now)), impact);
    }

    private static PolicyVersionView View(PolicyVersionRecord version, List<PolicyActivationRecord> activations)
    {
        var active = activations.Count > 0 && activations[^1].Hash == version.Hash;
        var activated = activations.LastOrDefault(a => a.Hash == version.Hash)?.ActivatedAt;
        return new PolicyVersionView(
            version.Hash,
            version.Convenant,
            version.Label,
            version.Origin == PolicyOrigin.Seed ? "seed" : "upload",
            active ? "active" : version.ApprovedAt is null ? "awaiting-approval" : "approved",
            version.StoredAt,
            new PolicyAdministrator(version.StoredByParty, version.StoredByClient, version.StoredByActor),
            version.ApprovedAt,
            version.ApprovedByParty is null ? null : new PolicyAdministrator(version.ApprovedByParty, version.ApprovedByClient, version.ApprovedByActor),
            activated);
    }
}

/// <summary>
/// Compiled policy versions by hash, shared by every request: a stored version is compiled once. A stored text that
/// does not compile to the hash it is stored under is refused (it was altered in the database).
/// </summary>
internal sealed class CompiledVersions
{
    private readonly ConcurrentDictionary<string, CompiledPolicy> byHash = new(StringComparer.Ordinal);

    public CompiledPolicy? Find(string hash) => byHash.GetValueOrDefault(hash);

    public void Remember(CompiledPolicy policy) => byHash.TryAdd(policy.VersionHash, policy);

    /// <summary>The compiled version.</summary>
    /// <param name="hash">The hash it is stored under.</param>
    /// <param name="yaml">The stored text.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="InvalidOperationException">The text is invalid or compiles to another hash.</exception>
    public CompiledPolicy Of(string hash, string yaml)
    {
        if (byHash.TryGetValue(hash, out var known))
        {
            return known;
        }

        var result = PolicyLoader.Load(yaml, hash);
        if (result.Policy is not { } policy || !string.Equals(policy.VersionHash, hash, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The stored policy version {hash} does not compile to its hash; it was altered in the database.");
        }

        return byHash.GetOrAdd(hash, policy);
    }
}
