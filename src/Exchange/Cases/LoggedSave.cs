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
internal sealed class LoggedSave(AccessLog log, WriteGate writes)
{
    /// <summary>Appends the entry and saves; returns the entry's index.</summary>
    public async Task<long> SaveAsync(ExchangeDbContext db, AccessLogEntry entry, CancellationToken cancellationToken)
    {
        var index = await log.AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        try
        {
            using (await writes.EnterAsync(db, CancellationToken.None).ConfigureAwait(false))
            {
                await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            }

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
