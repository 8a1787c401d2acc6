using Avz.Audit.Entries;

namespace Avz.Audit;

public sealed partial class AccessLog
{
    /// <summary>
    /// Makes a change the way every logged change is made: the entry first (no durable entry, no change), then the
    /// change; a change that reports it did not happen, or throws, gets an <c>error</c> entry naming the first
    /// (reason <c>not-stored</c>), so the log never claims a change that was not made.
    /// </summary>
    /// <param name="entry">The change's entry.</param>
    /// <param name="change">The change; false when it was not made.</param>
    /// <param name="cancellationToken">Cancels the first append only; once it is written, the change and its error entry run to the end.</param>
    /// <returns>The first entry's index, and whether the change was made.</returns>
    /// <exception cref="AuditWriteException">The first entry could not be stored; nothing was changed.</exception>
    public async Task<(long Index, bool Changed)> ChangeAsync(AccessLogEntry entry, Func<Task<bool>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(change);
        var index = await AppendAsync(entry, cancellationToken).ConfigureAwait(false);
        var changed = false;
        try
        {
            changed = await change().ConfigureAwait(false);
        }
        finally
        {
            if (!changed)
            {
                await AppendAsync(entry with { Decision = EntryDecision.Error, Reasons = [.. entry.Reasons, EntryReason.NotStored], RefersTo = index }, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return (index, changed);
    }
}
