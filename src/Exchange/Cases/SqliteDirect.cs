using Microsoft.Data.Sqlite;

namespace Avz.Exchange.Cases;

/// <summary>What the direct SQLite reads and inserts share: their connections, and how the schema stores a GUID.</summary>
internal static class SqliteDirect
{
    /// <summary>Opens a connection (the caller's string keeps it outside the pool) and applies the pragmas to it.</summary>
    public static SqliteConnection Open(string connectionString, string pragmas)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A statement prepared once on the connection, its parameters declared, for use many times.</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameters)
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

    /// <summary>The length of <see cref="Text"/>, in characters and in UTF-8 bytes.</summary>
    public const int GuidLength = 36;

    /// <summary>A GUID as EF Core's SQLite provider stores it: upper-case text with hyphens.</summary>
    public static string Text(Guid id) => id.ToString("D").ToUpperInvariant();

    /// <summary><see cref="Text"/> as UTF-8, written into <paramref name="into"/> (<see cref="GuidLength"/> bytes).</summary>
    public static void Utf8(Guid id, Span<byte> into)
    {
        if (!id.TryFormat(into, out var written, "D") || written != GuidLength)
        {
            throw new ArgumentException($"A GUID takes {GuidLength} bytes.", nameof(into));
        }

        System.Text.Ascii.ToUpperInPlace(into[..GuidLength], out _);
    }
}
