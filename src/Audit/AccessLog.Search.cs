using Avz.Audit.Entries;
using Avz.Audit.Index;

namespace Avz.Audit;

public sealed partial class AccessLog
{
    /// <summary>
    /// A privacy officer's search of the index, logged (NEN 7513: reading the log is logged) before the hits are handed
    /// out: an <c>audit.search</c> entry with what was searched for and how many hits it found.
    /// </summary>
    /// <param name="searcher">The searcher's entry (party, client, actor, role, ids); action, decision and query are set here.</param>
    /// <param name="query">The search; its action and decision words must be of their sets (checked by the caller).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The hits, newest first, and the index of the search's own entry.</returns>
    /// <exception cref="AuditWriteException">The entry could not be stored; nothing is handed out.</exception>
    public async Task<(IReadOnlyList<(long Index, byte[] Leaf)> Hits, long Entry)> SearchLoggedAsync(AccessLogEntry searcher, LogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searcher);
        ArgumentNullException.ThrowIfNull(query);
        var hits = Search(query);
        var entry = await AppendAsync(
            searcher with
            {
                Action = EntryAction.AuditSearch,
                Decision = EntryDecision.Permitted,
                Case = query.Case,
                Query = new LogSearch(
                    query.Party, query.Actor, query.Case, query.Purpose,
                    query.Action is { } action && Wire.TryParse<EntryAction>(action, out var a) ? a : null,
                    query.Decision is { } decision && Wire.TryParse<EntryDecision>(decision, out var d) ? d : null,
                    query.Emergency, query.From, query.To),
                Counts = new EntryCounts { Hits = hits.Count },
            },
            cancellationToken).ConfigureAwait(false);
        return (hits, entry);
    }
}
