using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Avz.Audit.Storage;

/// <summary>
/// Checkpoints the log's write-ahead log on a thread of its own, so that the single writer does not copy a thousand
/// pages into the database file in the middle of a batch.
/// </summary>
/// <remarks>
/// <para>
/// By default SQLite checkpoints from the connection whose commit takes the WAL past 1,000 pages: that commit's caller
/// reads those pages back, writes them into the database file and syncs it before it returns. For the log that caller
/// is the sequencer, which every request waiting for its entry waits on. Here SQLite's commit hook tells this class how
/// many pages the WAL holds after each commit of the writer. Past <see cref="Threshold"/> pages, a thread of this class
/// runs passive checkpoints on a connection of its own until little is left, while the sequencer goes on committing.
/// </para>
/// <para>
/// A WAL starts again from its beginning only when a writer finds every page of it copied, which a checkpoint running
/// beside a busy writer never quite reaches. So once the thread is done, the writer's next commit checkpoints the few
/// pages written meanwhile itself, as SQLite would have done; and past <see cref="Limit"/> pages (the thread slow or
/// failing) the writer checkpoints after every commit, as SQLite would have done. The WAL stays bounded either way.
/// </para>
/// <para>
/// Checkpoints copy what is already durable in the WAL; they cannot lose or change an entry. A failed checkpoint leaves
/// the WAL longer, and the next one tries again.
/// </para>
/// </remarks>
internal sealed unsafe partial class WalCheckpointer : IDisposable
{
    /// <summary>WAL pages after which a checkpoint is due: SQLite's own default.</summary>
    internal const int Threshold = 1000;

    /// <summary>WAL pages after which the writer checkpoints itself after every commit.</summary>
    internal const int Limit = 8 * Threshold;

    /// <summary>What the thread leaves for the writer: it stops passing when fewer pages than this are left to copy.</summary>
    private const int Tail = 64;

    private const int Passive = 0;

    private readonly nint database;
    private readonly string connectionString;
    private readonly Thread thread;
    private readonly SemaphoreSlim due = new(0, 1);
    private GCHandle self;

    /// <summary>1 from the request of a pass until the thread has finished it.</summary>
    private int running;

    /// <summary>Set when the thread has finished: the writer's next commit copies the rest.</summary>
    private volatile bool finished;

    private volatile bool stopping;
    private long passes;
    private long writerCheckpoints;

    /// <summary>Hooks the writer connection's commits and starts the thread.</summary>
    /// <param name="writer">The open connection of the log's single writer; this replaces its automatic checkpoints.</param>
    /// <param name="connectionString">For the thread's own connection to the same file.</param>
    public WalCheckpointer(SqliteConnection writer, string connectionString)
    {
        this.connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        database = writer.Handle!.DangerousGetHandle();
        self = GCHandle.Alloc(this);
        thread = new Thread(Run) { IsBackground = true, Name = "avz-audit-wal" };
        thread.Start();
        _ = WalHook(database, &OnCommit, GCHandle.ToIntPtr(self));
    }

    /// <summary>Checkpoint passes the thread has run.</summary>
    public long Passes => Interlocked.Read(ref passes);

    /// <summary>Checkpoints the writer ran itself after a commit (the tail after a pass, or past <see cref="Limit"/>).</summary>
    public long WriterCheckpoints => Interlocked.Read(ref writerCheckpoints);

    /// <summary>Whether a pass is due or running.</summary>
    public bool Busy => Volatile.Read(ref running) != 0;

    public void Dispose()
    {
        if (stopping)
        {
            return;
        }

        // The hook goes first: no commit may reach this object once its handle is freed. SQLite's own automatic
        // checkpoints come back in its place, for whoever uses the connection next (it may go back to the pool).
        _ = AutoCheckpoint(database, Threshold);
        stopping = true;
        try
        {
            due.Release();
        }
        catch (SemaphoreFullException)
        {
            // A pass was already due; the thread sees it, and then that it is stopping.
        }

        thread.Join();
        self.Free();
        due.Dispose();
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_wal_hook")]
    private static partial nint WalHook(nint database, delegate* unmanaged[Cdecl]<nint, nint, byte*, int, int> callback, nint argument);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_wal_autocheckpoint")]
    private static partial int AutoCheckpoint(nint database, int pages);

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_wal_checkpoint_v2")]
    private static partial int Checkpoint(nint database, byte* schema, int mode, int* log, int* copied);

    /// <summary>SQLite's commit hook, on the writer's thread, after the commit is durable.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnCommit(nint argument, nint database, byte* schema, int pages)
    {
        try
        {
            ((WalCheckpointer)GCHandle.FromIntPtr(argument).Target!).Committed(database, pages);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nothing may leave a native callback; the commit stands, and a WAL left long is checkpointed later.
        }

        // SQLITE_OK: another code would be reported to the committer as its statement's error, commit or not.
        return 0;
    }

    private void Committed(nint connection, int pages)
    {
        if (pages < Threshold)
        {
            // The WAL started again: the next pass is the thread's.
            finished = false;
            return;
        }

        if (finished || pages >= Limit)
        {
            finished = false;
            int log, copied;

            // SQLITE_BUSY while the thread is still copying; that leaves the rest to the next commit.
            if (Checkpoint(connection, null, Passive, &log, &copied) == 0)
            {
                Interlocked.Increment(ref writerCheckpoints);
            }

            return;
        }

        if (Interlocked.CompareExchange(ref running, 1, 0) == 0)
        {
            due.Release();
        }
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        while (true)
        {
            due.Wait();
            if (stopping)
            {
                break;
            }

            try
            {
                connection ??= Open();
                for (var pass = 0; pass < 4; pass++)
                {
                    var (log, copied) = PassOn(connection);
                    Interlocked.Increment(ref passes);
                    if (log - copied < Tail || stopping)
                    {
                        break;
                    }
                }
            }
            catch (SqliteException)
            {
                // Busy or failing: the WAL grows meanwhile and the writer takes over past Limit. A fresh connection next time.
                connection?.Dispose();
                connection = null;
            }
            finally
            {
                finished = true;
                Volatile.Write(ref running, 0);
            }
        }

        connection?.Dispose();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>One passive checkpoint: copies what no reader still needs, waits for no one.</summary>
    private static (int Log, int Copied) PassOn(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(1), reader.GetInt32(2));
    }
}
