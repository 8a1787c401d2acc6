using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Avz.Audit.Storage;

/// <summary>
/// The access log in a SQLite file: WAL with synchronous=FULL so a commit is durable when it returns, and triggers
/// that refuse UPDATE and DELETE on every table.
/// </summary>
public sealed partial class SqliteAuditStore : IAuditStore, Index.ILogIndex
{
    /// <summary>SQLite's file control that asks whether a database file was unlinked or renamed since it was opened.</summary>
    private const int HasMovedControl = 20;

    /// <summary>SQLITE_NOTFOUND: the file's VFS does not know the control.</summary>
    private const int NotFound = 12;

    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS audit_entries (idx INTEGER PRIMARY KEY, leaf BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS audit_tiles (level INTEGER NOT NULL, idx INTEGER NOT NULL, width INTEGER NOT NULL, hashes BLOB NOT NULL, PRIMARY KEY (level, idx, width)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS audit_checkpoints (tree_size INTEGER PRIMARY KEY, root BLOB NOT NULL, note TEXT NOT NULL, signed_at TEXT NOT NULL);
        CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_tiles_no_update BEFORE UPDATE ON audit_tiles BEGIN SELECT RAISE(ABORT, 'audit_tiles is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_tiles_no_delete BEFORE DELETE ON audit_tiles BEGIN SELECT RAISE(ABORT, 'audit_tiles is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
        """;

    /// <summary>
    /// The log index, in a database file of its own beside the log (<see cref="IndexFile"/>): its writes then never
    /// hold the log's write lock, and as derived data it needs no fsync per commit (synchronous=NORMAL; a crash loses
    /// at most its newest rows, which the next catch-up writes again).
    /// </summary>
    internal const string IndexSchema = """
        CREATE TABLE IF NOT EXISTS audit_index (idx INTEGER PRIMARY KEY, at TEXT NOT NULL, party TEXT, client TEXT, actor TEXT, role TEXT, case_id TEXT, subject TEXT, purpose TEXT, action TEXT, decision TEXT, emergency INTEGER NOT NULL, reasons TEXT, found INTEGER, refers_to INTEGER, verdict TEXT, status_to TEXT);
        CREATE INDEX IF NOT EXISTS audit_index_refers_to ON audit_index (refers_to) WHERE refers_to IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_index_case ON audit_index (case_id) WHERE case_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_index_subject ON audit_index (subject) WHERE subject IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_index_party ON audit_index (party);
        CREATE INDEX IF NOT EXISTS audit_index_actor ON audit_index (actor);
        CREATE INDEX IF NOT EXISTS audit_index_action ON audit_index (action);
        CREATE INDEX IF NOT EXISTS audit_index_at ON audit_index (at);
        CREATE INDEX IF NOT EXISTS audit_index_emergency ON audit_index (idx) WHERE emergency = 1;
        """;

    /// <summary>The log's size: one more than its highest index.</summary>
    private const string SizeSql = "SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_entries";

    private readonly string connectionString;
    private readonly string indexConnectionString;
    private readonly string path;
    private readonly SqliteConnection writer;
    private readonly WriterStatements statements;
    private readonly WalCheckpointer checkpointer;

    /// <summary>Opens (and creates) the log in a SQLite file, and its index beside it.</summary>
    /// <param name="path">The database file.</param>
    public SqliteAuditStore(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        this.path = Path.GetFullPath(path);
        Description = $"SQLite {Path.GetFileName(path)}";
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        indexConnectionString = new SqliteConnectionStringBuilder { DataSource = IndexFile(path), Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        writer = Open();

        // Durable when acknowledged: in WAL mode, FULL syncs the log on every commit.
        Execute(writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(writer, Schema);
        statements = new WriterStatements(writer);

        // The WAL is checkpointed beside the writer, not by it in the middle of a batch.
        checkpointer = new WalCheckpointer(writer, connectionString);
        using var index = new SqliteConnection(indexConnectionString);
        index.Open();
        Execute(index, "PRAGMA journal_mode=WAL;");
        Execute(index, IndexSchema);
    }

    /// <summary>The index file of a log file: <c>audit.db</c> → <c>audit.index.db</c>.</summary>
    /// <param name="logFile">The log's database file.</param>
    /// <returns>The index's database file.</returns>
    public static string IndexFile(string logFile) => Path.ChangeExtension(logFile, ".index.db");

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IAuditTransaction BeginAppend() => new Transaction(this, writer, statements);

    /// <inheritdoc />
    /// <remarks>
    /// A data directory deleted (or the file replaced) under a running gateway leaves the log's connections writing to
    /// a file that no longer has a name: appends went on succeeding and <c>/health/ready</c> answered 200, and all of it
    /// would have been gone at the next start (issue 16, fourteenth round: reproduced by deleting the data directory of
    /// a running gateway, then registering two cases). SQLite compares the file it holds with the one at its path.
    /// </remarks>
    public bool Lost => HasMoved(writer);

    private static unsafe bool HasMoved(SqliteConnection connection)
    {
        var moved = 0;
        var code = FileControl(connection.Handle!.DangerousGetHandle(), "main"u8, HasMovedControl, &moved);

        // A VFS that cannot tell has nothing to report; any other failure counts as lost.
        return code != NotFound && (code != 0 || moved != 0);
    }

    [LibraryImport("e_sqlite3", EntryPoint = "sqlite3_file_control")]
    private static unsafe partial int FileControl(nint database, ReadOnlySpan<byte> name, int operation, int* argument);

    /// <inheritdoc />
    public long ReadSize()
    {
        using var connection = Open();
        return Size(connection, null);
    }

    /// <inheritdoc />
    public IEnumerable<(long Index, byte[] Leaf)> ReadEntries(long start, long endExclusive)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT idx, leaf FROM audit_entries WHERE idx >= $start AND idx < $end ORDER BY idx";
        command.Parameters.AddWithValue("$start", start);
        command.Parameters.AddWithValue("$end", endExclusive);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), (byte[])reader.GetValue(1));
        }
    }

    /// <inheritdoc />
    public byte[]? ReadTile(int level, long index)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT hashes FROM audit_tiles WHERE level = $level AND idx = $idx ORDER BY width DESC LIMIT 1";
        command.Parameters.AddWithValue("$level", level);
        command.Parameters.AddWithValue("$idx", index);
        return command.ExecuteScalar() as byte[];
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredCheckpoint> ReadCheckpoints() => Checkpoints("SELECT tree_size, root, note, signed_at FROM audit_checkpoints ORDER BY tree_size");

    /// <inheritdoc />
    public StoredCheckpoint? ReadLatestCheckpoint() =>
        Checkpoints("SELECT tree_size, root, note, signed_at FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1").FirstOrDefault();

    /// <inheritdoc />
    public void Dispose()
    {
        checkpointer.Dispose();
        statements.Dispose();
        writer.Dispose();
    }

    /// <summary>The checkpointer of the log's WAL, for its tests and the append benchmark.</summary>
    internal WalCheckpointer Checkpointer => checkpointer;

    /// <inheritdoc />
    public long IndexedSize() => Scalar("SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_index");

    /// <inheritdoc />
    public long Count() => Scalar("SELECT COUNT(*) FROM audit_index");

    /// <inheritdoc />
    public IReadOnlyList<(long Index, byte[] Leaf)> Search(Index.LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, parameters) = Index.LogIndexSql.Search(query, Index.LogIndexSql.SqliteTime, "log.audit_entries");
        using var connection = OpenIndex(attachLog: true);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var found = new List<(long, byte[])>();
        while (reader.Read())
        {
            found.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
        }

        return found;
    }

    /// <inheritdoc />
    public void Add(IReadOnlyList<Index.LogIndexRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var connection = OpenIndex();
        using var transaction = connection.BeginTransaction(deferred: false);
        InsertIndexRows(connection, transaction, rows, "INSERT OR IGNORE");
        transaction.Commit();
    }

    /// <inheritdoc />
    public void Clear()
    {
        using var connection = OpenIndex();
        Execute(connection, "DELETE FROM audit_index");
    }

    /// <inheritdoc />
    public IEnumerable<Index.LogIndexRow> Rows(long start, long endExclusive) =>
        ReadRows("idx >= $a AND idx < $b", start, endExclusive);

    /// <inheritdoc />
    public IEnumerable<Index.LogIndexRow> RowsSince(DateTimeOffset from) => ReadRows("at >= $a", Index.LogIndexSql.SqliteTime(from), null);

    private IEnumerable<Index.LogIndexRow> ReadRows(string where, object a, object? b)
    {
        using var connection = OpenIndex();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Index.LogIndexSql.Columns} FROM audit_index WHERE {where} ORDER BY idx";
        command.Parameters.AddWithValue("$a", a);
        if (b is not null)
        {
            command.Parameters.AddWithValue("$b", b);
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            yield return new Index.LogIndexRow(
                reader.GetInt64(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                Text(2), Text(3), Text(4), Text(5), Text(6), Text(7), Text(8), Text(9), Text(10), reader.GetInt64(11) != 0,
                Text(12), reader.IsDBNull(13) ? null : reader.GetInt64(13), reader.IsDBNull(14) ? null : reader.GetInt64(14), Text(15), Text(16));
        }
    }

    private long Scalar(string sql)
    {
        using var connection = OpenIndex();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Inserts index rows with one prepared statement.</summary>
    private static void InsertIndexRows(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Index.LogIndexRow> rows, string verb)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"{verb} INTO audit_index ({Index.LogIndexSql.Columns}) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12, $p13, $p14, $p15, $p16)";
        for (var i = 0; i < 17; i++)
        {
            command.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value);
        }

        foreach (var row in rows)
        {
            var values = Index.LogIndexSql.Values(row, Index.LogIndexSql.SqliteTime);
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }
    }

    private static long Size(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SizeSql;
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<StoredCheckpoint> Checkpoints(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = new List<StoredCheckpoint>();
        while (reader.Read())
        {
            result.Add(new StoredCheckpoint(reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetString(2), DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture)));
        }

        return result;
    }

    /// <summary>A connection to the index; with the log attached as <c>log</c> for searches that return leaves.</summary>
    private SqliteConnection OpenIndex(bool attachLog = false)
    {
        // An attached log stays attached on a pooled connection, so those connections are not pooled.
        var connection = new SqliteConnection(attachLog ? new SqliteConnectionStringBuilder(indexConnectionString) { Pooling = false }.ToString() : indexConnectionString);
        connection.Open();

        // Derived data: a commit need not wait for the disk (see IndexSchema).
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        if (attachLog)
        {
            using var attach = connection.CreateCommand();
            attach.CommandText = "ATTACH DATABASE $log AS log";
            attach.Parameters.AddWithValue("$log", path);
            attach.ExecuteNonQuery();
        }

        return connection;
    }

    private SqliteConnection Open()
    {
        // Reads need no pragmas: WAL is a property of the file, and the busy timeout comes with the connection string.
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// The single writer's statements, prepared once for the store's lifetime instead of once per batch: the sequencer
    /// is the log's bottleneck under load, and preparing its five statements again for every transaction was time
    /// every caller waited for (issue 16).
    /// </summary>
    private sealed class WriterStatements(SqliteConnection connection) : IDisposable
    {
        public RowInserter Entries { get; } = new(connection, "audit_entries");

        public SqliteCommand Size { get; } = Command(connection, SizeSql);

        public SqliteCommand Tile { get; } = Command(connection, "INSERT OR IGNORE INTO audit_tiles (level, idx, width, hashes) VALUES ($level, $idx, $width, $hashes)", ("$level", SqliteType.Integer), ("$idx", SqliteType.Integer), ("$width", SqliteType.Integer), ("$hashes", SqliteType.Blob));

        public SqliteCommand Checkpoint { get; } = Command(connection, "INSERT INTO audit_checkpoints (tree_size, root, note, signed_at) VALUES ($size, $root, $note, $at)", ("$size", SqliteType.Integer), ("$root", SqliteType.Blob), ("$note", SqliteType.Text), ("$at", SqliteType.Text));

        public void Dispose()
        {
            Entries.Dispose();
            Size.Dispose();
            Tile.Dispose();
            Checkpoint.Dispose();
        }

        private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                command.Parameters.Add(name, type);
            }

            return command;
        }
    }

    private sealed class Transaction : IAuditTransaction
    {
        private readonly SqliteTransaction transaction;
        private readonly WriterStatements statements;
        private readonly SqliteAuditStore store;
        private long next;

        public Transaction(SqliteAuditStore store, SqliteConnection connection, WriterStatements statements)
        {
            this.store = store;
            this.statements = statements;

            // BEGIN IMMEDIATE: the write lock is the sequencer lock.
            transaction = connection.BeginTransaction(deferred: false);
            try
            {
                statements.Size.Transaction = transaction;
                Size = (long)statements.Size.ExecuteScalar()!;
            }
            catch
            {
                // A batch that fails after BEGIN ends its transaction here, as no one disposes a transaction that was
                // never returned: kept open, it would hold the write lock, and no batch would land again.
                transaction.Dispose();
                throw;
            }

            next = Size;
        }

        public long Size { get; }

        public void AddEntries(IReadOnlyList<byte[]> leaves)
        {
            statements.Entries.Insert(transaction, next, leaves);
            next += leaves.Count;
        }

        public void AddTile(int level, long index, byte[] hashes)
        {
            var command = statements.Tile;
            command.Transaction = transaction;
            command.Parameters[0].Value = level;
            command.Parameters[1].Value = index;
            command.Parameters[2].Value = hashes.Length / 32;
            command.Parameters[3].Value = hashes;
            command.ExecuteNonQuery();
        }

        public void AddCheckpoint(StoredCheckpoint checkpoint)
        {
            var command = statements.Checkpoint;
            command.Transaction = transaction;
            command.Parameters[0].Value = checkpoint.Size;
            command.Parameters[1].Value = checkpoint.Root;
            command.Parameters[2].Value = checkpoint.Note;
            command.Parameters[3].Value = checkpoint.SignedAt.ToString("O", CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
        }

        public void Commit()
        {
            // Checked before every commit, not once in a while: an entry committed to a file without a name would be
            // acknowledged as durable and released data, and lost at the next start. One stat() per batch.
            if (store.Lost)
            {
                throw new IOException($"{store.Description} was deleted or replaced while the gateway ran; nothing more is written to it. Restart the gateway on its data directory.");
            }

            transaction.Commit();
        }

        public void Dispose() => transaction.Dispose();
    }
}
