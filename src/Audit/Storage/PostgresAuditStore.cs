using Npgsql;
using NpgsqlTypes;

namespace Avz.Audit.Storage;

/// <summary>
/// The access log in PostgreSQL. Several gateway processes may append: each append takes a transaction-scoped
/// advisory lock, so exactly one sequencer integrates a batch at a time. Triggers refuse UPDATE and DELETE.
/// </summary>
public sealed class PostgresAuditStore : IAuditStore, Index.ILogIndex
{
    /// <summary>The advisory lock key of the sequencer ("AVZAUDIT" as ASCII).</summary>
    internal const long SequencerLock = 0x41565A4155444954;

    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS audit_entries (idx BIGINT PRIMARY KEY, leaf BYTEA NOT NULL);
        CREATE TABLE IF NOT EXISTS audit_tiles (level INT NOT NULL, idx BIGINT NOT NULL, width INT NOT NULL, hashes BYTEA NOT NULL, PRIMARY KEY (level, idx, width));
        CREATE TABLE IF NOT EXISTS audit_checkpoints (tree_size BIGINT PRIMARY KEY, root BYTEA NOT NULL, note TEXT NOT NULL, signed_at TIMESTAMPTZ NOT NULL);
        CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
        DO $$ DECLARE t TEXT; BEGIN
          FOREACH t IN ARRAY ARRAY['audit_entries', 'audit_tiles', 'audit_checkpoints'] LOOP
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = t || '_append_only') THEN
              EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()', t || '_append_only', t);
            END IF;
          END LOOP;
        END $$;
        CREATE TABLE IF NOT EXISTS audit_index (idx BIGINT PRIMARY KEY, at TIMESTAMPTZ NOT NULL, party TEXT, client TEXT, actor TEXT, role TEXT, case_id TEXT, subject TEXT, purpose TEXT, action TEXT, decision TEXT, emergency BOOLEAN NOT NULL, reasons TEXT, found BIGINT, refers_to BIGINT, verdict TEXT, status_to TEXT);
        CREATE INDEX IF NOT EXISTS audit_index_refers_to ON audit_index (refers_to) WHERE refers_to IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_index_case ON audit_index (case_id, idx) WHERE case_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_index_subject ON audit_index (subject, idx) WHERE subject IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_index_party ON audit_index (party, idx);
        CREATE INDEX IF NOT EXISTS audit_index_actor ON audit_index (actor, idx);
        CREATE INDEX IF NOT EXISTS audit_index_action ON audit_index (action, idx);
        CREATE INDEX IF NOT EXISTS audit_index_at ON audit_index (at);
        CREATE INDEX IF NOT EXISTS audit_index_emergency ON audit_index (idx) WHERE emergency;
        """;

    /// <summary>The log's size: one more than its highest index.</summary>
    private const string SizeSql = "SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_entries";

    private readonly NpgsqlDataSource dataSource;

    /// <summary>Opens the log in a PostgreSQL database and creates its tables when missing.</summary>
    /// <param name="connectionString">The connection string.</param>
    public PostgresAuditStore(string connectionString)
    {
        // The sequencer's commands are synchronous, which multiplexing refuses, and a batch's transaction is begun and
        // ended by statements on one connection (see Transaction), which multiplexing could spread over two: it stays
        // off for the log whatever the connection string says (the cases' DbContext may still use it).
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Multiplexing = false };
        Description = $"PostgreSQL {builder.Database}@{builder.Host}";
        dataSource = NpgsqlDataSource.Create(builder);
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();

        // Two processes starting at once must not race on CREATE.
        Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({SequencerLock})");
        Execute(connection, transaction, Schema);
        transaction.Commit();
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public IAuditTransaction BeginAppend()
    {
        var connection = dataSource.OpenConnection();
        try
        {
            return new Transaction(connection);
        }
        catch
        {
            // A batch that fails at its start (the lock, the size read) gives its connection back: Npgsql rolls the
            // transaction the BEGIN opened back when the connection returns to its pool. Kept, it would be lost to the pool
            // for good, and the log would stop once every connection had gone.
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public long ReadSize()
    {
        using var connection = dataSource.OpenConnection();
        return Size(connection, null);
    }

    /// <inheritdoc />
    public IEnumerable<(long Index, byte[] Leaf)> ReadEntries(long start, long endExclusive)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT idx, leaf FROM audit_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = start });
        command.Parameters.Add(new NpgsqlParameter { Value = endExclusive });
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        }
    }

    /// <inheritdoc />
    public byte[]? ReadTile(int level, long index)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("SELECT hashes FROM audit_tiles WHERE level = $1 AND idx = $2 ORDER BY width DESC LIMIT 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = level });
        command.Parameters.Add(new NpgsqlParameter { Value = index });
        return command.ExecuteScalar() as byte[];
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredCheckpoint> ReadCheckpoints() => Checkpoints("SELECT tree_size, root, note, signed_at FROM audit_checkpoints ORDER BY tree_size");

    /// <inheritdoc />
    public StoredCheckpoint? ReadLatestCheckpoint() =>
        Checkpoints("SELECT tree_size, root, note, signed_at FROM audit_checkpoints ORDER BY tree_size DESC LIMIT 1").FirstOrDefault();

    /// <inheritdoc />
    public void Dispose() => dataSource.Dispose();

    /// <inheritdoc />
    public long IndexedSize() => Scalar("SELECT COALESCE(MAX(idx) + 1, 0) FROM audit_index");

    /// <inheritdoc />
    public long Count() => Scalar("SELECT COUNT(*) FROM audit_index");

    /// <inheritdoc />
    public IReadOnlyList<(long Index, byte[] Leaf)> Search(Index.LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (sql, parameters) = Index.LogIndexSql.Search(query, t => t.ToUniversalTime(), "audit_entries");
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name[1..], value!);
        }

        using var reader = command.ExecuteReader();
        var found = new List<(long, byte[])>();
        while (reader.Read())
        {
            found.Add((reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)));
        }

        return found;
    }

    /// <inheritdoc />
    public void Add(IReadOnlyList<Index.LogIndexRow> rows)
    {
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        InsertIndexRows(connection, transaction, rows, "ON CONFLICT (idx) DO NOTHING");
        transaction.Commit();
    }

    /// <inheritdoc />
    public void Clear()
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand("DELETE FROM audit_index", connection);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public IEnumerable<Index.LogIndexRow> Rows(long start, long endExclusive) =>
        ReadRows("idx >= $1 AND idx < $2", start, endExclusive);

    /// <inheritdoc />
    public IEnumerable<Index.LogIndexRow> RowsSince(DateTimeOffset from) => ReadRows("at >= $1", from.ToUniversalTime(), null);

    private IEnumerable<Index.LogIndexRow> ReadRows(string where, object a, object? b)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand($"SELECT {Index.LogIndexSql.Columns} FROM audit_index WHERE {where} ORDER BY idx", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = a });
        if (b is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = b });
        }

        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            yield return new Index.LogIndexRow(
                reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), Text(2), Text(3), Text(4), Text(5), Text(6), Text(7), Text(8), Text(9), Text(10), reader.GetBoolean(11),
                Text(12), reader.IsDBNull(13) ? null : reader.GetInt64(13), reader.IsDBNull(14) ? null : reader.GetInt64(14), Text(15), Text(16));
        }
    }

    private long Scalar(string sql)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Inserts index rows in one statement: each column travels as an array.</summary>
    private static void InsertIndexRows(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Index.LogIndexRow> rows, string conflict)
    {
        if (rows.Count == 0)
        {
            return;
        }

        using var command = new NpgsqlCommand(
            $"INSERT INTO audit_index ({Index.LogIndexSql.Columns}) SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[], $13::text[], $14::bigint[], $15::bigint[], $16::text[], $17::text[]) {conflict}",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Index).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Time.ToUniversalTime()).ToArray() });
        foreach (var column in (Func<Index.LogIndexRow, string?>[])[r => r.Party, r => r.Client, r => r.Actor, r => r.Role, r => r.Case, r => r.Subject, r => r.Purpose, r => r.Action, r => r.Decision])
        {
            command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(column).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        }

        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Emergency).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Reasons).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Found).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.RefersTo).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Verdict).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.StatusTo).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.ExecuteNonQuery();
    }

    private static long Size(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        using var command = new NpgsqlCommand(SizeSql, connection, transaction);
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.ExecuteNonQuery();
    }

    private List<StoredCheckpoint> Checkpoints(string sql)
    {
        using var connection = dataSource.OpenConnection();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var result = new List<StoredCheckpoint>();
        while (reader.Read())
        {
            result.Add(new StoredCheckpoint(reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return result;
    }

    /// <summary>
    /// A batch's transaction in two round trips to the server: BEGIN with the lock and the size read, then every insert
    /// with the COMMIT. The sequencer is the log's one writer and waits for each trip, and the advisory lock is held from
    /// the first trip to the end of the second, so with the database across a network the trips bound the log's
    /// throughput, for every node together. The append run on PostgreSQL (<c>bash bench/on-postgres.sh append</c>,
    /// issue 16) found the sequencer busy 99 % of the time with a trip each for the lock, the size, the entries, every
    /// tile and the COMMIT.
    /// </summary>
    /// <remarks>
    /// The transaction is begun and ended by statements of the batches rather than by <see cref="NpgsqlTransaction"/>,
    /// which would take trips of its own. A statement that fails makes the server skip the rest of its batch, the COMMIT
    /// with it; <see cref="Dispose"/> then rolls the transaction back before the connection goes back to its pool (Npgsql's
    /// pool would too; done here so that it does not rest on the pool's settings).
    /// </remarks>
    private sealed class Transaction : IAuditTransaction
    {
        private readonly NpgsqlConnection connection;
        private readonly NpgsqlBatch writes;
        private bool ended;

        public Transaction(NpgsqlConnection connection)
        {
            this.connection = connection;

            // The size is read by a statement of its own after the lock's: under READ COMMITTED each statement of a
            // batch takes its snapshot when the server reaches it, so the read sees every batch committed before the
            // lock was granted (one statement doing both read a stale size: PostgresStoreTests' two processes then
            // collided on their indices).
            using var start = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("BEGIN"),
                    new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({SequencerLock})"),
                    new NpgsqlBatchCommand(SizeSql),
                },
            };
            using var reader = start.ExecuteReader();
            if (!reader.NextResult() || !reader.Read())
            {
                throw new InvalidOperationException("The access log's size could not be read.");
            }

            Size = reader.GetInt64(0);
            writes = new NpgsqlBatch(connection);
        }

        public long Size { get; }

        public void AddEntries(IReadOnlyList<byte[]> leaves)
        {
            // One statement for the whole batch: the indices and leaves travel as two arrays.
            var command = new NpgsqlBatchCommand("INSERT INTO audit_entries (idx, leaf) SELECT * FROM unnest($1::bigint[], $2::bytea[])");
            command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Range(0, leaves.Count).Select(i => Size + i).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { Value = leaves.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            writes.BatchCommands.Add(command);
        }

        public void AddTile(int level, long index, byte[] hashes)
        {
            var command = new NpgsqlBatchCommand("INSERT INTO audit_tiles (level, idx, width, hashes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING");
            command.Parameters.Add(new NpgsqlParameter { Value = level });
            command.Parameters.Add(new NpgsqlParameter { Value = index });
            command.Parameters.Add(new NpgsqlParameter { Value = hashes.Length / 32 });
            command.Parameters.Add(new NpgsqlParameter { Value = hashes });
            writes.BatchCommands.Add(command);
        }

        public void AddCheckpoint(StoredCheckpoint checkpoint)
        {
            var command = new NpgsqlBatchCommand("INSERT INTO audit_checkpoints (tree_size, root, note, signed_at) VALUES ($1, $2, $3, $4)");
            command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Size });
            command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Root });
            command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.Note });
            command.Parameters.Add(new NpgsqlParameter { Value = checkpoint.SignedAt.ToUniversalTime() });
            writes.BatchCommands.Add(command);
        }

        public void Commit()
        {
            // Durable when this returns: the COMMIT ran, and with synchronous_commit on it waited for the WAL's flush.
            writes.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            writes.ExecuteNonQuery();
            ended = true;
        }

        public void Dispose()
        {
            writes.Dispose();
            try
            {
                if (!ended && connection.State == System.Data.ConnectionState.Open)
                {
                    using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                    rollback.ExecuteNonQuery();
                }
            }
            catch (NpgsqlException)
            {
                // A connection that cannot roll back is broken; the pool discards it, and the server ends its transaction.
            }
            finally
            {
                connection.Dispose();
            }
        }
    }
}
