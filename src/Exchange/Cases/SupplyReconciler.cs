using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

/// <summary>
/// A supply writes its entry first and then saves (<see cref="LoggedSave"/>); a process killed between the two leaves
/// an entry that tells of items the database never stored, and the dead process cannot write the follow-up. This
/// finds such entries and appends, for each, an <c>error</c> entry with reason <c>not-stored</c> that refers to it, so
/// the log never claims a supply that did not happen. It works forward from a mark kept in the case database.
/// Entries younger than the grace period are left for the next run: another live node may still be saving them.
/// </summary>
internal sealed class SupplyReconciler(ExchangeDbContext db, AccessLog log, WriteGate writes, TimeProvider time)
{
    private const int Chunk = 4096;

    public async Task<int> RunAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var mark = await db.Reconciliation.FirstOrDefaultAsync(m => m.Id == 1, cancellationToken).ConfigureAwait(false);
        if (mark is null)
        {
            mark = new ReconciliationMark { Id = 1, NextIndex = 0 };
            db.Reconciliation.Add(mark);
        }

        var cutoff = time.GetUtcNow() - grace;
        var supplies = new List<(long Index, AccessLogEntry Entry)>();
        var reported = new HashSet<long>();
        var next = mark.NextIndex;
        var settled = true;
        for (var from = mark.NextIndex; from < log.Size; from += Chunk)
        {
            foreach (var (index, leaf) in log.ReadLeaves(from, from + Chunk))
            {
                if (LeafEncoding.TryDecode(leaf, out var entry, out _))
                {
                    if (entry!.Decision == EntryDecision.Error && entry.RefersTo is { } referred)
                    {
                        reported.Add(referred);
                    }
                    else if (entry.Action == EntryAction.InformationSupply && entry.Decision == EntryDecision.Permitted && entry.Items.Count > 0)
                    {
                        settled &= entry.Time <= cutoff;
                        if (entry.Time <= cutoff)
                        {
                            supplies.Add((index, entry));
                        }
                    }
                }

                next = settled ? index + 1 : next;
            }
        }

        var items = supplies.SelectMany(s => s.Entry.Items).Select(i => Guid.TryParse(i, out var id) ? id : Guid.Empty).Distinct().ToList();
        var stored = (await db.Items.AsNoTracking().Where(i => items.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var appended = 0;
        foreach (var (index, entry) in supplies)
        {
            if (!reported.Contains(index) && entry.Items.Any(i => !Guid.TryParse(i, out var id) || !stored.Contains(id)))
            {
                await log.AppendAsync(entry with { Decision = EntryDecision.Error, Reasons = [EntryReason.NotStored], RefersTo = index }, cancellationToken).ConfigureAwait(false);
                appended++;
            }
        }

        mark.NextIndex = next;
        using (await writes.EnterAsync(db, cancellationToken).ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return appended;
    }
}
