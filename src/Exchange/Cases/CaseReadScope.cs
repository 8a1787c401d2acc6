using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

/// <summary>
/// The reads of one information request, from the case to its items, on one connection: on SQLite one read
/// transaction on one of the direct reads' sessions, so the case, its consents and its items come from one snapshot
/// and the WAL's read lock is taken once (issue 16: four autocommit reads took it four times, two <c>fcntl</c> calls
/// each); through EF Core the context's connection, held open across the queries. Dispose it when the reads are done,
/// before decryption and the log append, so a request does not hold a read transaction or a connection while it waits
/// for the log.
/// </summary>
/// <remarks>
/// A refusal found while reading (an unknown case, a non-participant, another purpose) writes its entry with the scope
/// still open, as the connection was held before on EF Core: a few milliseconds in which, on SQLite, the WAL cannot be
/// checkpointed past the scope's snapshot. Writers are not held up: in WAL mode a reader blocks no writer.
/// </remarks>
internal sealed class CaseReadScope : IDisposable
{
    private readonly CaseReads reads;
    private readonly ContextLease lease;
    private SqliteCaseReads.Snapshot? snapshot;
    private bool opened;
    private bool disposed;

    private CaseReadScope(CaseReads reads, ContextLease lease, SqliteCaseReads.Snapshot? snapshot, bool opened)
    {
        this.reads = reads;
        this.lease = lease;
        this.snapshot = snapshot;
        this.opened = opened;
    }

    /// <summary>
    /// Begins the scope: a snapshot of the direct SQLite reads when they serve the scope's context (leased or not),
    /// else the context's connection opened.
    /// </summary>
    public static async Task<CaseReadScope> BeginAsync(CaseReads reads, ContextLease lease, CancellationToken cancellationToken)
    {
        if (reads.BeginSnapshot(lease) is { } snapshot)
        {
            return new CaseReadScope(reads, lease, snapshot, opened: false);
        }

        await lease.Context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return new CaseReadScope(reads, lease, null, opened: true);
    }

    /// <inheritdoc cref="CaseReads.CaseWithParticipantsAsync"/>
    public Task<CaseRecord?> CaseWithParticipantsAsync(Guid id, CancellationToken cancellationToken) =>
        Direct(cancellationToken) is { } direct ? Task.FromResult(direct.CaseWithParticipants(id)) : reads.CaseWithParticipantsAsync(lease.Context, id, cancellationToken);

    /// <inheritdoc cref="CaseReads.OpenConsentsAsync"/>
    public Task<List<ConsentRecord>> OpenConsentsAsync(Guid id, string purpose, CancellationToken cancellationToken) =>
        Direct(cancellationToken) is { } direct ? Task.FromResult(direct.OpenConsents(id, purpose)) : reads.OpenConsentsAsync(lease.Context, id, purpose, cancellationToken);

    /// <inheritdoc cref="CaseReads.ItemsWithFieldsAsync"/>
    public Task<List<InformationItem>> ItemsWithFieldsAsync(Guid id, string? category, CancellationToken cancellationToken) =>
        Direct(cancellationToken) is { } direct ? Task.FromResult(direct.ItemsWithFields(id, category)) : reads.ItemsWithFieldsAsync(lease.Context, id, category, cancellationToken);

    /// <summary>Ends the read transaction, or closes the connection the scope opened; more calls do nothing.</summary>
    public void Dispose()
    {
        disposed = true;
        snapshot?.Dispose();
        snapshot = null;
        if (opened)
        {
            opened = false;
            lease.Context.Database.CloseConnection();
        }
    }

    /// <summary>The snapshot to read from, or null to read through the context; a disposed scope reads nothing.</summary>
    private SqliteCaseReads.Snapshot? Direct(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (snapshot is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return snapshot;
    }
}
