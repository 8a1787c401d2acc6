using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

/// <summary>
/// Ends the retention of cases past their deadline: deletes their information items, destroys their data keys
/// (crypto-shredding: every remaining ciphertext, in the database and in any backup, becomes unreadable), clears the
/// encrypted subject and blind index, and keeps the case row as a tombstone. The access log keeps its entries.
/// </summary>
internal sealed class RetentionJob(ExchangeDbContext db, LoggedSave saves, CaseKeys keys, TimeProvider time)
{
    public const string SystemParty = "avz-exchange";

    /// <summary>Shreds every case whose deadline has passed; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Cases.Where(c => c.RetentionUntil != null && c.RetentionUntil <= now && c.ShreddedAt == null)
            .Select(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in due)
        {
            await ShredAsync(id, now, cancellationToken).ConfigureAwait(false);
        }

        return due.Count;
    }

    private async Task ShredAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var record = await db.Cases.FirstAsync(c => c.Id == id, cancellationToken).ConfigureAwait(false);
        var items = await db.Items.Include(i => i.Fields).Where(i => i.CaseId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var dataKeys = await db.DataKeys.Where(k => k.CaseId == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        db.Items.RemoveRange(items);

        // Plan actions keep their owner, dates and status (the tombstone's history); their descriptions go.
        foreach (var action in await db.PlanActions.Where(a => a.CaseId == id).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            action.DescriptionCiphertext = [];
        }

        // Justifications are erased with the case; their entries keep a commitment that now reveals nothing.
        db.Justifications.RemoveRange(await db.Justifications.Where(j => j.CaseId == id).ToListAsync(cancellationToken).ConfigureAwait(false));
        foreach (var key in dataKeys)
        {
            key.Wrapped = [];
            key.DestroyedAt = now;
        }

        record.SubjectCiphertext = null;
        record.ReasonCiphertext = null;
        record.SubjectIndex = new byte[32];
        record.ShreddedAt = now;

        var entry = new AccessLogEntry
        {
            Convenant = record.Convenant,
            Party = SystemParty,
            Action = EntryAction.RetentionShred,
            Case = id.ToString(),
            Subject = record.SubjectPseudonym,
            Purpose = record.Purpose,
            Decision = EntryDecision.Permitted,
            Reasons = [EntryReason.RetentionEnded],
            Counts = new EntryCounts { ItemsDeleted = items.Count, DataKeysDestroyed = dataKeys.Count },
        };
        // As every change: the entry first (no entry, no shredding), then the save.
        await saves.SaveAsync(db, entry, cancellationToken).ConfigureAwait(false);

        foreach (var key in dataKeys)
        {
            keys.Forget(key.Id);
        }
    }
}
