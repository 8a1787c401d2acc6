using Avz.Audit.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Avz.Audit.Benchmarks;

/// <summary>The append run's baseline: the same leaves inserted plainly, in transactions of a given size.</summary>
internal interface IPlainRows : IDisposable
{
    /// <summary>Inserts leaves [start, start + count) in durable transactions of <paramref name="batch"/> rows.</summary>
    void Insert(List<byte[]> leaves, int start, int count, int batch);
}

/// <summary>Where the append run's rounds keep the log and its plain baseline: a fresh log and table for every round.</summary>
internal abstract class AppendTarget : IDisposable
{
    /// <summary>What the summary says the store was.</summary>
    public abstract string Description { get; }

    /// <summary>Whose CPU the per-entry figures count.</summary>
    public virtual string CpuLabel => "process CPU (all threads)";

    /// <summary>A new, empty log store for a round, and the plain table beside it in the same database.</summary>
    public abstract (IAuditStore Store, IPlainRows Plain) OpenRound(int round);

    /// <summary>Waits for work the store still does beside the log's writer, so that it counts as the log's time.</summary>
    public virtual Task SettleAsync(IAuditStore store) => Task.CompletedTask;

    /// <summary>Figures of the store for the round's line, each starting with ", ".</summary>
    public virtual string Details(IAuditStore store) => "";

    /// <summary>After a round's log and plain table are closed.</summary>
    public virtual void EndRound(int round)
    {
    }

    public abstract void Dispose();
}

/// <summary>A SQLite file per round in a temporary folder: the log's store and the plain table in the same file.</summary>
internal sealed class SqliteAppendTarget : AppendTarget
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("avz-bench-append-");

    public override string Description => "SQLite WAL, synchronous=FULL";

    public override (IAuditStore Store, IPlainRows Plain) OpenRound(int round)
    {
        var database = Path.Combine(folder.FullName, $"round-{round}.db");
        return (new SqliteAuditStore(database), new PlainTable(database));
    }

    public override async Task SettleAsync(IAuditStore store)
    {
        // The log's WAL checkpoints run beside its writer: a pass still running is the log's time, not the plain side's.
        while (((SqliteAuditStore)store).Checkpointer.Busy)
        {
            await Task.Delay(1);
        }
    }

    public override string Details(IAuditStore store)
    {
        var checkpointer = ((SqliteAuditStore)store).Checkpointer;
        return $", WAL passes beside it {checkpointer.Passes:N0}, by the writer {checkpointer.WriterCheckpoints:N0}";
    }

    public override void EndRound(int round) => SqliteConnection.ClearAllPools();

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    /// <summary>The plain baseline: an (idx, leaf) table in the log's file, written with the log's own row inserter.</summary>
    private sealed class PlainTable : IPlainRows
    {
        private readonly SqliteConnection connection;
        private readonly RowInserter rows;

        public PlainTable(string database)
        {
            connection = Workload.OpenPlain(database);
            rows = new RowInserter(connection, "plain_entries");
        }

        public void Insert(List<byte[]> leaves, int start, int count, int batch)
        {
            for (var at = start; at < start + count; at += batch)
            {
                using var transaction = connection.BeginTransaction();
                rows.Insert(transaction, at, leaves.GetRange(at, Math.Min(batch, start + count - at)));
                transaction.Commit();
            }
        }

        public void Dispose()
        {
            rows.Dispose();
            connection.Dispose();
        }
    }
}

/// <summary>
/// A database per round on a PostgreSQL server (<c>bash bench/on-postgres.sh append</c> starts one): the log's store
/// and the plain table in the same database, the plain rows inserted with the store's own statement (two arrays
/// through <c>unnest</c>), each transaction committed with the server's defaults (<c>synchronous_commit=on</c>, so
/// every commit waits for its WAL flush). The log's transactions also take the sequencer's advisory lock and read the
/// log's size first, as every node does: that is the difference the ratio shows.
/// </summary>
internal sealed class PostgresAppendTarget(string connectionString) : AppendTarget
{
    private readonly NpgsqlConnectionStringBuilder server = new(connectionString);

    public override string Description => $"PostgreSQL {ServerVersion()} on {server.Host}:{server.Port}, synchronous_commit=on";

    /// <summary>The server is another process on the same cores, and its CPU is not counted.</summary>
    public override string CpuLabel => "this process's CPU (the server's not counted)";

    public override (IAuditStore Store, IPlainRows Plain) OpenRound(int round)
    {
        var database = Database(round);
        Admin($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        Admin($"CREATE DATABASE {database}");
        var roundConnection = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
        return (new PostgresAuditStore(roundConnection), new PlainTable(roundConnection));
    }

    public override void EndRound(int round)
    {
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS {Database(round)} WITH (FORCE)");
    }

    public override void Dispose() => NpgsqlConnection.ClearAllPools();

    private static string Database(int round) => $"avz_append_round_{round}";

    private string ServerVersion()
    {
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        return connection.PostgreSqlVersion.ToString();
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private sealed class PlainTable : IPlainRows
    {
        private readonly NpgsqlDataSource source;

        public PlainTable(string connectionString)
        {
            source = NpgsqlDataSource.Create(connectionString);
            using var command = source.CreateCommand("CREATE TABLE plain_entries (idx BIGINT PRIMARY KEY, leaf BYTEA NOT NULL)");
            command.ExecuteNonQuery();
        }

        public void Insert(List<byte[]> leaves, int start, int count, int batch)
        {
            using var connection = source.OpenConnection();
            for (var at = start; at < start + count; at += batch)
            {
                var rows = Math.Min(batch, start + count - at);
                using var transaction = connection.BeginTransaction();
                using var command = new NpgsqlCommand("INSERT INTO plain_entries (idx, leaf) SELECT * FROM unnest($1::bigint[], $2::bytea[])", connection, transaction);
                command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Range(at, rows).Select(i => (long)i).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
                command.Parameters.Add(new NpgsqlParameter { Value = leaves.GetRange(at, rows).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
                command.ExecuteNonQuery();
                transaction.Commit();
            }
        }

        public void Dispose() => source.Dispose();
    }
}
