using System.Linq.Expressions;
using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

/// <summary>
/// The read-only loads of the request path as compiled EF Core queries without change tracking and without
/// <c>Include</c> of collections: each is one plain statement, translated once for the process, and the collections
/// are put together in memory. Issue 16's profile found the information request spending most of its CPU time in EF
/// Core; the collection includes (whose shapers EF Core 9 and later build delegates for while reading) and the
/// per-call query translation lookup were the largest parts of it. On SQLite the same reads run without EF Core, as
/// prepared statements (<see cref="SqliteCaseReads"/>), unless the context has a transaction open, whose own changes
/// only its connection sees.
/// </summary>
/// <param name="sqlite">The SQLite reads when the exchange runs on SQLite; null on the other providers.</param>
internal sealed class CaseReads(SqliteCaseReads? sqlite) : IDisposable
{
    /// <summary>
    /// One set of compiled queries per EF Core model: a compiled query binds to the model it first runs with, and each
    /// provider's context (SQLite, PostgreSQL, SQL Server) has its own.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, Queries> PerModel = [];

    private static Queries Dispatch(ExchangeDbContext db) => PerModel.GetValue(db.Model, _ => new Queries());

    /// <summary>Closes the SQLite reads' connections.</summary>
    public void Dispose() => sqlite?.Dispose();

    /// <summary>Whether the reads go through the context's connection (so a caller with several of them may hold it open).</summary>
    public bool UseContext(ExchangeDbContext db) => Direct(db) is null;

    private SqliteCaseReads? Direct(ExchangeDbContext db) =>
        sqlite is not null && db is SqliteExchangeDbContext && db.Database.CurrentTransaction is null ? sqlite : null;

    /// <summary>A snapshot of the direct SQLite reads when they serve this context; null when the reads go through it.</summary>
    public SqliteCaseReads.Snapshot? BeginSnapshot(ExchangeDbContext db) => Direct(db)?.BeginSnapshot();

    /// <summary>
    /// A snapshot of the direct SQLite reads when they serve the scope's context; null when the reads go through it. A
    /// context not leased yet has no transaction open, so the direct reads serve it whenever the exchange runs on SQLite.
    /// </summary>
    public SqliteCaseReads.Snapshot? BeginSnapshot(ContextLease lease) =>
        lease.Leased is { } db ? BeginSnapshot(db) : sqlite?.BeginSnapshot();

    /// <summary>A case with its participants, untracked; null when there is no such case.</summary>
    public async Task<CaseRecord?> CaseWithParticipantsAsync(ExchangeDbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (Direct(db) is { } direct)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return direct.CaseWithParticipants(id);
        }

        // The query the plan test checks, run as compiled: at most one row (the primary key).
        var queries = Dispatch(db);
        CaseRecord? record = null;
        await foreach (var found in queries.CaseById(db, id).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            record = found;
        }

        if (record is not null)
        {
            await foreach (var participant in queries.ParticipantsOf(db, id).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                record.Participants.Add(participant);
            }
        }

        return record;
    }

    /// <summary>The consents recorded on a case for a purpose and not withdrawn, untracked.</summary>
    public async Task<List<ConsentRecord>> OpenConsentsAsync(ExchangeDbContext db, Guid id, string purpose, CancellationToken cancellationToken)
    {
        if (Direct(db) is { } direct)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return direct.OpenConsents(id, purpose);
        }

        var consents = new List<ConsentRecord>();
        await foreach (var consent in Dispatch(db).OpenConsentsOf(db, id, purpose).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            consents.Add(consent);
        }

        return consents;
    }

    /// <summary>A case's items with their fields, untracked; only the items of one category when it is given.</summary>
    public async Task<List<InformationItem>> ItemsWithFieldsAsync(ExchangeDbContext db, Guid id, string? category, CancellationToken cancellationToken)
    {
        if (Direct(db) is { } direct)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return direct.ItemsWithFields(id, category);
        }

        var queries = Dispatch(db);
        var items = new Dictionary<Guid, InformationItem>();
        await foreach (var item in queries.ItemsOf(db, id).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (category is null || string.Equals(item.Category, category, StringComparison.Ordinal))
            {
                items.Add(item.Id, item);
            }
        }

        if (items.Count > 0)
        {
            await foreach (var field in queries.FieldsOf(db, id).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (items.TryGetValue(field.ItemId, out var item))
                {
                    item.Fields.Add(field);
                }
            }
        }

        return [.. items.Values];
    }

    /// <summary>A case's current data key (its highest version), untracked; null when it has none.</summary>
    public async Task<DataKeyRecord?> CurrentDataKeyAsync(ExchangeDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        if (Direct(db) is { } direct)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return direct.CurrentDataKey(caseId);
        }

        return await Dispatch(db).CurrentDataKey(db, caseId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A data key by its id, untracked; null when there is none.</summary>
    public async Task<DataKeyRecord?> DataKeyAsync(ExchangeDbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (Direct(db) is { } direct)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return direct.DataKey(id);
        }

        return await Dispatch(db).DataKey(db, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The case by id (a primary-key search).</summary>
    internal static readonly Expression<Func<ExchangeDbContext, Guid, IQueryable<CaseRecord>>> CaseByIdQuery =
        (db, id) => db.Cases.AsNoTracking().Where(c => c.Id == id);

    /// <summary>The case's participants (a primary-key prefix search).</summary>
    internal static readonly Expression<Func<ExchangeDbContext, Guid, IQueryable<CaseParticipant>>> ParticipantsQuery =
        (db, id) => db.Participants.AsNoTracking().Where(p => p.CaseId == id);

    /// <summary>The case's open consents for a purpose (the case id index).</summary>
    internal static readonly Expression<Func<ExchangeDbContext, Guid, string, IQueryable<ConsentRecord>>> OpenConsentsQuery =
        (db, id, purpose) => db.Consents.AsNoTracking().Where(c => c.CaseId == id && c.WithdrawnAt == null && c.Purpose == purpose);

    /// <summary>The case's items (the case id index).</summary>
    internal static readonly Expression<Func<ExchangeDbContext, Guid, IQueryable<InformationItem>>> ItemsQuery =
        (db, id) => db.Items.AsNoTracking().Where(i => i.CaseId == id);

    /// <summary>
    /// The fields of the case's items: from the items (the case id index) to their fields (a primary-key prefix search).
    /// Written as a join from the items: a filter on the fields with a correlated subquery made SQLite scan every field
    /// of every case (found by the 1,000-case data set of issue 16: 59 requests/s instead of 1,900).
    /// </summary>
    internal static readonly Expression<Func<ExchangeDbContext, Guid, IQueryable<InformationField>>> FieldsQuery =
        (db, id) => from item in db.Items.AsNoTracking()
                    where item.CaseId == id
                    join field in db.Fields.AsNoTracking() on item.Id equals field.ItemId
                    select field;

    private sealed class Queries
    {
        public readonly Func<ExchangeDbContext, Guid, CancellationToken, Task<DataKeyRecord?>> CurrentDataKey =
            EF.CompileAsyncQuery((ExchangeDbContext db, Guid caseId, CancellationToken _) => db.DataKeys.AsNoTracking().Where(k => k.CaseId == caseId).OrderByDescending(k => k.Version).FirstOrDefault());

        public readonly Func<ExchangeDbContext, Guid, CancellationToken, Task<DataKeyRecord?>> DataKey =
            EF.CompileAsyncQuery((ExchangeDbContext db, Guid id, CancellationToken _) => db.DataKeys.AsNoTracking().FirstOrDefault(k => k.Id == id));

        public readonly Func<ExchangeDbContext, Guid, IAsyncEnumerable<CaseRecord>> CaseById = EF.CompileAsyncQuery(CaseByIdQuery);

        public readonly Func<ExchangeDbContext, Guid, IAsyncEnumerable<CaseParticipant>> ParticipantsOf = EF.CompileAsyncQuery(ParticipantsQuery);

        public readonly Func<ExchangeDbContext, Guid, string, IAsyncEnumerable<ConsentRecord>> OpenConsentsOf = EF.CompileAsyncQuery(OpenConsentsQuery);

        public readonly Func<ExchangeDbContext, Guid, IAsyncEnumerable<InformationItem>> ItemsOf = EF.CompileAsyncQuery(ItemsQuery);

        public readonly Func<ExchangeDbContext, Guid, IAsyncEnumerable<InformationField>> FieldsOf = EF.CompileAsyncQuery(FieldsQuery);
    }
}
