using Avz.Exchange.Data;
using Microsoft.Data.Sqlite;

namespace Avz.Exchange.Cases;

/// <summary>
/// Supplied items and their fields written to SQLite as prepared inserts on one connection kept open for them, without
/// EF Core's change tracker, and committed together: the items that wait for the write gate while one commit is on its
/// way to disk go in with the next commit, one fsync for all of them. Issue 16's profile of the supply: EF Core's save
/// (change detection, the command batch, its topological sort) was a quarter of the supply's CPU, and it ran under the
/// write gate, where every supply waits for the one before it; the time under the gate, most of it the commit's fsync,
/// bounds the supplies per second.
/// </summary>
/// <remarks>
/// <para>
/// A caller queues its item and enters the write gate; whoever holds the gate writes every item queued so far (up to
/// <see cref="MaxBatch"/>) in one transaction (<c>BEGIN IMMEDIATE</c>) and commits it; a caller whose item a caller
/// before it wrote finds it done and leaves the gate at once. Each item has a savepoint of its own: an item whose insert
/// fails leaves none of its rows and fails alone, and the others are committed. A failing <c>BEGIN</c> or
/// <c>COMMIT</c> stores none of the batch, and every item in it fails. No caller returns before the commit that holds
/// its item returned.
/// </para>
/// <para>
/// The connection is outside Microsoft.Data.Sqlite's pool, and is as strict as EF Core's: foreign keys enforced, and
/// <c>synchronous=FULL</c>, so a commit in WAL mode is on disk (fsync of the WAL) before it returns. After a failure of
/// the transaction the connection is closed and the next batch opens a new one.
/// </para>
/// </remarks>
internal sealed class SqliteItemWrites : IDisposable
{
    /// <summary>The most items one transaction takes; the rest wait for the next.</summary>
    internal const int MaxBatch = 64;

    internal const string ItemSql =
        """
        INSERT INTO "information_items" ("Id", "CaseId", "Category", "Supplier", "Purpose", "SuppliedAt")
        VALUES (@id, @case, @category, @supplier, @purpose, @suppliedAt)
        """;

    internal const string FieldSql =
        """INSERT INTO "information_fields" ("ItemId", "Name", "Ciphertext") VALUES (@item, @name, @ciphertext)""";

    private readonly string connectionString;
    private readonly WriteGate gate;
    private readonly System.Collections.Concurrent.ConcurrentQueue<Pending> queued = new();
    private Writer? writer;
    private long batches;
    private long items;

    public SqliteItemWrites(string connectionString, WriteGate gate)
    {
        this.connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        this.gate = gate;
    }

    /// <summary>The transactions committed so far and the items in them (for tests).</summary>
    internal (long Batches, long Items) Committed => (Interlocked.Read(ref batches), Interlocked.Read(ref items));

    /// <summary>Inserts the item and its fields durably, in one commit with the items queued beside it.</summary>
    /// <exception cref="SqliteException">The item was not stored.</exception>
    public async Task InsertAsync(InformationItem item)
    {
        var pending = new Pending(item);
        queued.Enqueue(pending);
        using (await gate.EnterSqliteAsync().ConfigureAwait(false))
        {
            // The queue is first in, first out, so this ends when a batch took this item.
            while (!pending.Done)
            {
                WriteQueued();
            }
        }

        if (pending.Failure is { } failure)
        {
            throw failure;
        }
    }

    public void Dispose()
    {
        writer?.Dispose();
        writer = null;
    }

    /// <summary>Writes the queued items in one transaction; the caller holds the write gate.</summary>
    private void WriteQueued()
    {
        var batch = new List<Pending>(Math.Min(queued.Count, MaxBatch));
        while (batch.Count < MaxBatch && queued.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        var committed = false;
        string? reason = null;
        int code = SQLitePCL.raw.SQLITE_ERROR, extended = SQLitePCL.raw.SQLITE_ERROR;
        try
        {
            writer ??= new Writer(connectionString);
            writer.Write(batch);
            committed = true;
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref items, batch.Count(p => p.Failure is null));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            writer?.Dispose();
            writer = null;
            (reason, code, extended) = (e.Message, (e as SqliteException)?.SqliteErrorCode ?? code, (e as SqliteException)?.SqliteExtendedErrorCode ?? extended);
        }
        finally
        {
            foreach (var pending in batch)
            {
                // Whatever ended the transaction early, no item in it is taken for stored: one exception each, as the
                // callers throw them on their own threads.
                if (!committed)
                {
                    pending.Failure ??= new SqliteException("The transaction of the items supplied with this one was not committed: " + (reason ?? "it was interrupted"), code, extended);
                }

                pending.Done = true;
            }
        }
    }

    /// <summary>An item waiting for its commit, and what became of it.</summary>
    private sealed class Pending(InformationItem item)
    {
        public InformationItem Item { get; } = item;

        /// <summary>Written by the holder of the write gate, read by the caller after it entered the gate itself.</summary>
        public bool Done { get; set; }

        public SqliteException? Failure { get; set; }
    }

    private sealed class Writer : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand item;
        private readonly SqliteCommand field;

        public Writer(string connectionString)
        {
            connection = SqliteDirect.Open(connectionString, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
            try
            {
                item = SqliteDirect.Prepare(connection, ItemSql, ("@id", SqliteType.Text), ("@case", SqliteType.Text), ("@category", SqliteType.Text), ("@supplier", SqliteType.Text), ("@purpose", SqliteType.Text), ("@suppliedAt", SqliteType.Integer));
                field = SqliteDirect.Prepare(connection, FieldSql, ("@item", SqliteType.Text), ("@name", SqliteType.Text), ("@ciphertext", SqliteType.Blob));
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>The batch in one transaction, each item under a savepoint; an item that fails gets its failure.</summary>
        public void Write(List<Pending> batch)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            item.Transaction = transaction;
            field.Transaction = transaction;
            foreach (var pending in batch)
            {
                transaction.Save("item");
                try
                {
                    Insert(pending.Item);
                    transaction.Release("item");
                }
                catch (SqliteException e)
                {
                    // A failed statement is undone by SQLite itself; the savepoint undoes the item's rows before it.
                    transaction.Rollback("item");
                    transaction.Release("item");
                    pending.Failure = e;
                }
            }

            transaction.Commit();
        }

        private void Insert(InformationItem record)
        {
            var id = SqliteDirect.Text(record.Id);
            item.Parameters[0].Value = id;
            item.Parameters[1].Value = SqliteDirect.Text(record.CaseId);
            item.Parameters[2].Value = record.Category;
            item.Parameters[3].Value = record.Supplier;
            item.Parameters[4].Value = record.Purpose;
            item.Parameters[5].Value = record.SuppliedAt.UtcTicks;
            item.ExecuteNonQuery();
            foreach (var value in record.Fields)
            {
                field.Parameters[0].Value = id;
                field.Parameters[1].Value = value.Name;
                field.Parameters[2].Value = value.Ciphertext;
                field.ExecuteNonQuery();
            }
        }

        public void Dispose()
        {
            item.Dispose();
            field.Dispose();
            connection.Dispose();
        }
    }
}
