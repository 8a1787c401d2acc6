// The child process of the crash test: appends to a SQLite access log as fast as it can, from many concurrent
// callers, and prints "ack <index> <transaction id>" only after each append is acknowledged (durable). The test
// kills it with SIGKILL at a random moment and checks that every acknowledged entry survived.
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Notes;
using Avz.Audit.Storage;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Avz.Audit.CrashAppender DATABASE KEYFILE RUN");
    return 2;
}

var (database, keyFile, run) = (args[0], args[1], args[2]);
using var signer = NoteSigner.Parse(File.ReadAllText(keyFile).Trim());
var log = AccessLog.Open(new SqliteAuditStore(database), signer, TimeProvider.System, new AccessLogOptions { Origin = signer.Name, CheckpointInterval = TimeSpan.FromMilliseconds(100) });
var output = Console.Out;
var gate = new object();
output.WriteLine("ready");
output.Flush();

var workers = Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
{
    for (var n = 0; ; n++)
    {
        var id = $"{run}-{worker}-{n}";
        var index = await log.AppendAsync(new AccessLogEntry { Party = "crash-test", Action = EntryAction.InformationRequest, Decision = EntryDecision.Permitted, TransactionId = id });
        lock (gate)
        {
            output.WriteLine($"ack {index} {id}");
            output.Flush();
        }
    }
}));

await Task.WhenAll(workers);
return 0;
