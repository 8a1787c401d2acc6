using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

/// <summary>
/// How every change to case data is made: append the entry, then save the tracked changes (one transaction), so a
/// change without its durable entry never happens. The entry goes first rather than inside an open database
/// transaction, because holding the database's write lock across the log's group commit (an fsync) would queue every
/// writer behind it. If the save then fails, a second entry says so, so the log never claims a change silently.
/// </summary>
/// <param name="log">The access log.</param>
/// <param name="writes">The write gate (SQLite's one writer at a time).</param>
/// <param name="items">On SQLite, the supplied items' direct inserts; null on the other providers.</param>
internal sealed class LoggedSave(AccessLog log, WriteGate writes, SqliteItemWrites? items = null) : IDisposable
{
    /// <summary>Appends the entry and saves; returns the entry's index.</summary>
    public Task<long> SaveAsync(ExchangeDbContext db, AccessLogEntry entry, CancellationToken cancellationToken) =>
        SaveAsync(db, entry, () => db.SaveChangesAsync(CancellationToken.None), cancellationToken);

    /// <summary>
    /// Appends the entry and stores a supplied item with its fields; returns the entry's index. On SQLite, when the
    /// context has nothing else to save and no transaction open, the item goes in by <see cref="SqliteItemWrites"/>.
    /// </summary>
    public Task<long> SaveItemAsync(ExchangeDbContext db, InformationItem item, AccessLogEntry entry, CancellationToken cancellationToken)
    {
        if (items is not null && db is SqliteExchangeDbContext && db.Database.CurrentTransaction is null && !db.ChangeTracker.HasChanges())
        {
            return SaveAsync(entry, () => items.InsertAsync(item), cancellationToken);
        }

        db.Items.Add(item);
        return SaveAsync(db, entry, cancellationToken);
    }

    /// <summary>Closes the direct inserts' connection.</summary>
    public void Dispose() => items?.Dispose();

    private Task<long> SaveAsync(ExchangeDbContext db, AccessLogEntry entry, Func<Task> save, CancellationToken cancellationToken) =>
        SaveAsync(entry, async () =>
        {
            using (await writes.EnterAsync(db, CancellationToken.None).ConfigureAwait(false))
            {
                await save().ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>Appends the entry, then stores (<paramref name="store"/> takes the write gate itself).</summary>
    private async Task<long> SaveAsync(AccessLogEntry entry, Func<Task> store, CancellationToken cancellationToken)
    {
        var index = await log.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        try
        {
            await store().ConfigureAwait(false);
            return index;
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            try
            {
                await log.AppendAsync(entry with { Decision = EntryDecision.Error, Reasons = [.. entry.Reasons, EntryReason.NotStored], RefersTo = index }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (AuditWriteException)
            {
                // The first entry stands; the error is reported to the caller either way.
            }

            throw;
        }
    }
}
