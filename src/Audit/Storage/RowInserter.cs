using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Avz.Audit.Storage;

/// <summary>
/// Inserts (idx, leaf) rows into one table with multi-row INSERT statements of up to
/// <see cref="RowsPerStatement"/> rows: one statement step per chunk instead of per row. A statement is
/// prepared once per row count and kept, so a batch of any size costs no preparation after the first of its shape.
/// The append benchmark inserts its plain baseline with this same class, so the two differ only by the log's own work.
/// Not thread-safe: one per connection, used by its one writer.
/// </summary>
internal sealed class RowInserter(SqliteConnection connection, string table) : IDisposable
{
    /// <summary>The most rows one statement inserts (128 bound parameters).</summary>
    internal const int RowsPerStatement = 64;

    /// <summary>The statement for each row count, made when first needed.</summary>
    private readonly SqliteCommand?[] commands = new SqliteCommand?[RowsPerStatement + 1];

    /// <summary>Inserts the leaves at <paramref name="firstIndex"/> and on, inside the transaction.</summary>
    public void Insert(SqliteTransaction transaction, long firstIndex, IReadOnlyList<byte[]> leaves)
    {
        for (var start = 0; start < leaves.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, leaves.Count - start);
            var command = commands[count] ??= RowsCommand(count);
            command.Transaction = transaction;
            for (var i = 0; i < count; i++)
            {
                command.Parameters[2 * i].Value = firstIndex + start + i;
                command.Parameters[(2 * i) + 1].Value = leaves[start + i];
            }

            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        foreach (var command in commands)
        {
            command?.Dispose();
        }
    }

    private SqliteCommand RowsCommand(int rows)
    {
        var command = connection.CreateCommand();
        var sql = new StringBuilder($"INSERT INTO {table} (idx, leaf) VALUES ");
        for (var i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"($i{i},$l{i})");
            command.Parameters.Add($"$i{i}", SqliteType.Integer);
            command.Parameters.Add($"$l{i}", SqliteType.Blob);
        }

        command.CommandText = sql.ToString();
        return command;
    }
}
