using Avz.Exchange.Data;
using Microsoft.Data.Sqlite;

namespace Avz.Exchange.Cases;

/// <summary>
/// A supplied item and its fields written to SQLite as prepared inserts on one connection kept open for them, without
/// EF Core's change tracker. Issue 16's profile of the supply, after the reads went direct: EF Core's save (change
/// detection, the command batch, its topological sort) was a quarter of the supply's CPU, and it ran under the write
/// gate, where every supply waits for the one before it; the time under the gate bounds the supplies per second.
/// </summary>
/// <remarks>
/// Used only under <see cref="WriteGate"/>, so by one call at a time. The connection is outside Microsoft.Data.Sqlite's
/// pool, and is as strict as EF Core's: foreign keys enforced, and <c>synchronous=FULL</c>, so a commit in WAL mode is
/// on disk (fsync of the WAL) before it returns. One transaction per item (<c>BEGIN IMMEDIATE</c>): all its rows or
/// none. After a failure the connection is closed and the next item opens a new one.
/// </remarks>
internal sealed class SqliteItemWrites : IDisposable
{
    internal const string ItemSql =
        """
        INSERT INTO "information_items" ("Id", "CaseId", "Category", "Supplier", "Purpose", "SuppliedAt")
        VALUES (@id, @case, @category, @supplier, @purpose, @suppliedAt)
        """;

    internal const string FieldSql =
        """INSERT INTO "information_fields" ("ItemId", "Name", "Ciphertext") VALUES (@item, @name, @ciphertext)""";

    private readonly string connectionString;
    private Writer? writer;

    public SqliteItemWrites(string connectionString)
    {
        this.connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
    }

    /// <summary>Inserts the item and its fields in one durable transaction; a caller holds the write gate.</summary>
    public void Insert(InformationItem item)
    {
        writer ??= new Writer(connectionString);
        try
        {
            writer.Insert(item);
        }
        catch
        {
            writer.Dispose();
            writer = null;
            throw;
        }
    }

    public void Dispose()
    {
        writer?.Dispose();
        writer = null;
    }

    private static string Text(Guid id) => id.ToString("D").ToUpperInvariant();

    private sealed class Writer : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand item;
        private readonly SqliteCommand field;

        public Writer(string connectionString)
        {
            connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                using (var pragmas = connection.CreateCommand())
                {
                    pragmas.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";
                    pragmas.ExecuteNonQuery();
                }

                item = Prepared(ItemSql, ("@id", SqliteType.Text), ("@case", SqliteType.Text), ("@category", SqliteType.Text), ("@supplier", SqliteType.Text), ("@purpose", SqliteType.Text), ("@suppliedAt", SqliteType.Integer));
                field = Prepared(FieldSql, ("@item", SqliteType.Text), ("@name", SqliteType.Text), ("@ciphertext", SqliteType.Blob));
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public void Insert(InformationItem record)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var id = Text(record.Id);
            item.Transaction = transaction;
            item.Parameters[0].Value = id;
            item.Parameters[1].Value = Text(record.CaseId);
            item.Parameters[2].Value = record.Category;
            item.Parameters[3].Value = record.Supplier;
            item.Parameters[4].Value = record.Purpose;
            item.Parameters[5].Value = record.SuppliedAt.UtcTicks;
            item.ExecuteNonQuery();
            field.Transaction = transaction;
            foreach (var value in record.Fields)
            {
                field.Parameters[0].Value = id;
                field.Parameters[1].Value = value.Name;
                field.Parameters[2].Value = value.Ciphertext;
                field.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        public void Dispose()
        {
            item.Dispose();
            field.Dispose();
            connection.Dispose();
        }

        private SqliteCommand Prepared(string sql, params (string Name, SqliteType Type)[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                command.Parameters.Add(new SqliteParameter(name, type));
            }

            command.Prepare();
            return command;
        }
    }
}
