using Avz.Audit.Entries;
using Avz.Audit.Notes;
using Avz.Audit.Storage;

namespace Avz.Audit.Tests;

/// <summary>A log in a temporary SQLite file, with its key, deleted afterwards.</summary>
internal sealed class TestLog : IAsyncDisposable
{
    public const string Origin = "test.avz/access-log";

    private TestLog(DirectoryInfo folder, NoteSigner signer)
    {
        Folder = folder;
        Signer = signer;
        Verifier = NoteVerifier.Parse(signer.VerifierKey);
    }

    public DirectoryInfo Folder { get; }

    public string DatabasePath => Path.Combine(Folder.FullName, "audit.db");

    public NoteSigner Signer { get; }

    public NoteVerifier Verifier { get; }

    public AccessLog? Log { get; private set; }

    public static TestLog Create()
    {
        var test = new TestLog(Directory.CreateTempSubdirectory("avz-audit-"), NoteSigner.Generate(Origin));
        test.Reopen();
        return test;
    }

    public AccessLog Reopen(TimeProvider? time = null, TimeSpan? interval = null)
    {
        Log = AccessLog.Open(
            new SqliteAuditStore(DatabasePath),
            NoteSigner.Parse(Signer.ExportSignerKey()),
            time ?? TimeProvider.System,
            new AccessLogOptions { Origin = Origin, CheckpointInterval = interval ?? TimeSpan.FromSeconds(1) });
        return Log;
    }

    public async Task CloseAsync()
    {
        if (Log is not null)
        {
            await Log.DisposeAsync();
            Log = null;
        }
    }

    public SqliteAuditStore OpenStore() => new(DatabasePath);

    public static AccessLogEntry Entry(int n) => new()
    {
        Party = n % 3 == 0 ? "politie" : "gem-groningen",
        Client = "client-" + (n % 7),
        Actor = "professional-" + (n % 11),
        ActorRole = "casemanager",
        Action = EntryAction.InformationRequest,
        Case = "case-" + (n / 10),
        Subject = "pseudonym-" + (n % 13),
        Purpose = "process-direction",
        Released = ["identity/surname", "identity/date-of-birth"],
        Withheld = [new WithheldField("health-care/diagnosis", WithheldReason.ConsentRequired)],
        Decision = EntryDecision.Partial,
        Rules = ["pd-identity", "pd-health-details"],
        LegalBasis = ["AVG art. 6(1)(e)"],
        PolicyVersion = "sha256:0000",
        TransactionId = "tx-" + n,
    };

    public async Task<long[]> AppendAsync(int count, int start = 0)
    {
        var tasks = Enumerable.Range(start, count).Select(i => Log!.AppendAsync(Entry(i))).ToArray();
        return await Task.WhenAll(tasks);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        Signer.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Folder.Delete(recursive: true);
    }
}
