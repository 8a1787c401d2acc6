using Avz.Audit.Entries;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Microsoft.Data.Sqlite;

namespace Avz.Audit.Benchmarks;

/// <summary>Realistic entries and a log in a temporary folder.</summary>
internal static class Workload
{
    public const string Origin = "bench.avz/access-log";

    public static AccessLogEntry Entry(int n) => new()
    {
        Convenant = "avz-groningen",
        Party = n % 3 == 0 ? "politie" : "gem-groningen",
        Client = "client-" + (n % 25),
        Actor = "professional-" + (n % 400),
        ActorRole = "casemanager",
        Action = EntryAction.InformationRequest,
        Case = "c-" + (n / 20).ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
        Subject = "ps-" + (n % 5000).ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
        Purpose = "process-direction",
        ProcessingActivity = "urn:avz-groningen:verwerkingsactiviteit:procesregie-complexe-casuistiek",
        Released = ["identity/surname", "identity/date-of-birth", "police-registrations/incident-type"],
        Withheld = [new WithheldField("health-care/diagnosis", WithheldReason.ConsentRequired)],
        Decision = EntryDecision.Partial,
        Rules = ["pd-identity", "pd-police-municipality", "pd-health-details"],
        LegalBasis = ["AVG art. 6(1)(e); WGS en BGS"],
        PolicyVersion = "sha256:a3753ef44aacdc3ee90dca2c3e46bcd0a14f9f8123cbb8a6d4c5434ebf112ee3",
        TransactionId = Guid.NewGuid().ToString(),
        TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
    };

    public static AccessLog OpenLog(string database, NoteSigner signer) =>
        AccessLog.Open(new SqliteAuditStore(database), signer, TimeProvider.System, new AccessLogOptions { Origin = Origin });

    public static Task FillAsync(AccessLog log, int count, int callers) => CallersAsync(count, callers, n => log.AppendAsync(Entry(n)));

    /// <summary>Appends entries made beforehand, from concurrent callers, each awaiting its append before the next.</summary>
    public static Task AppendAsync(AccessLog log, ReadOnlyMemory<AccessLogEntry> entries, int callers) =>
        CallersAsync(entries.Length, callers, n => log.AppendAsync(entries.Span[n]));

    public static SqliteConnection OpenPlain(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE IF NOT EXISTS plain_entries (idx INTEGER PRIMARY KEY, leaf BLOB NOT NULL);";
        command.ExecuteNonQuery();
        return connection;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Appends number 0 to count - 1 from concurrent callers, each awaiting its append before taking the next number.</summary>
    private static async Task CallersAsync(int count, int callers, Func<int, Task> append)
    {
        var next = -1;
        var workers = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                await append(n);
            }
        }));
        await Task.WhenAll(workers);
    }
}
