using Avz.Exchange.Cases;
using Microsoft.Data.Sqlite;

namespace Avz.Exchange.Tests.Cases;

/// <summary>
/// The request path's direct SQLite connections, on a real database file written through Microsoft.Data.Sqlite: each
/// value reads back as Microsoft.Data.Sqlite reads it, and every failure is a <see cref="SqliteException"/> that
/// changes nothing.
/// </summary>
public sealed class DirectConnectionTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("avz-direct-");

    private string File => Path.Combine(folder.FullName, "cases.db");

    private string ConnectionString => $"Data Source={File}";

    [Fact]
    public void Reads_EachKindOfValue_AsMicrosoftDataSqliteDoes()
    {
        var (textId, blobId) = (Guid.NewGuid(), Guid.NewGuid());
        Seed(
            "CREATE TABLE t (k TEXT, n INTEGER, s TEXT, b BLOB, g ANY, z BLOB)",
            ("INSERT INTO t VALUES ($k, 638990000000000000, 'grüße, 🙂', x'00ff10', $g, x'')", textId.ToString("D").ToUpperInvariant(), textId.ToString("D").ToUpperInvariant()),
            ("INSERT INTO t VALUES ($k, NULL, NULL, NULL, $g, NULL)", blobId.ToString("D").ToUpperInvariant(), blobId.ToByteArray()));
        using var connection = DirectConnection.Open(ConnectionString);
        var select = connection.Prepare("SELECT n, s, b, g, z FROM t WHERE k = @k");

        using (var rows = select.Run(textId))
        {
            Assert.True(rows.Read());
            Assert.Equal(new DateTimeOffset(638990000000000000, TimeSpan.Zero), rows.Instant(0));
            Assert.Equal(new DateTimeOffset(638990000000000000, TimeSpan.Zero), rows.OptionalInstant(0));
            Assert.Equal("grüße, 🙂", rows.Text(1));
            Assert.Equal([0x00, 0xff, 0x10], rows.Blob(2));
            Assert.Equal(textId, rows.Guid(3));
            Assert.Empty(rows.Blob(4));
            Assert.False(rows.IsNull(4));
            Assert.False(rows.Read());
        }

        using (var rows = select.Run(blobId))
        {
            Assert.True(rows.Read());
            Assert.True(rows.IsNull(0));
            Assert.Null(rows.OptionalInstant(0));
            Assert.Null(rows.OptionalText(1));
            Assert.Null(rows.OptionalBlob(2));
            Assert.Throws<InvalidOperationException>(() => rows.Text(1));
            Assert.Throws<InvalidOperationException>(() => rows.Blob(2));
            Assert.Equal(blobId, rows.Guid(3));
        }

        // Reset by its rows' disposal, the statement runs again from its first row.
        using (var rows = select.Run(textId))
        {
            Assert.True(rows.Read());
            Assert.Equal("grüße, 🙂", rows.Text(1));
        }
    }

    [Fact]
    public void Binds_AGuidAsUpperCaseText_AndATextAsUtf8()
    {
        var id = Guid.NewGuid();
        var purpose = new string('é', 300);
        Seed("CREATE TABLE t (k TEXT, p TEXT, v INTEGER)", ("INSERT INTO t VALUES ($k, $g, 7)", id.ToString("D").ToUpperInvariant(), purpose));
        using var connection = DirectConnection.Open(ConnectionString);

        using var rows = connection.Prepare("SELECT v FROM t WHERE k = @k AND p = @p").Run(id, purpose);
        Assert.True(rows.Read());
        Assert.Equal(7, rows.Int32(0));
    }

    [Fact]
    public void Failures_AreSqliteExceptions_WithSqlitesCodes()
    {
        Seed("CREATE TABLE t (v INTEGER)");
        using var connection = DirectConnection.Open(ConnectionString);

        // SQLITE_ERROR for bad SQL; SQLITE_READONLY for a write on a query_only connection, which changes nothing.
        Assert.Equal(1, Assert.Throws<SqliteException>(() => connection.Prepare("SELEKT 1")).SqliteErrorCode);
        connection.Execute("PRAGMA query_only = ON;");
        Assert.Equal(8, Assert.Throws<SqliteException>(() => connection.Execute("INSERT INTO t VALUES (1)")).SqliteErrorCode);
        using var plain = new SqliteConnection(ConnectionString);
        plain.Open();
        using var count = plain.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM t";
        Assert.Equal(0L, count.ExecuteScalar());

        // A run must bind every parameter the statement has.
        Assert.Throws<InvalidOperationException>(() => connection.Prepare("SELECT v FROM t WHERE v = @a AND v = @b").Run(Guid.NewGuid()));
    }

    [Fact]
    public void Open_NeverCreatesTheFile()
    {
        var error = Assert.Throws<SqliteException>(() => DirectConnection.Open(ConnectionString));
        Assert.Equal(14, error.SqliteErrorCode); // SQLITE_CANTOPEN
        Assert.False(System.IO.File.Exists(File));
    }

    [Fact]
    public void Disposed_RefusesToPrepareOrRun()
    {
        Seed("CREATE TABLE t (v INTEGER)");
        var connection = DirectConnection.Open(ConnectionString);
        var all = connection.Prepare("SELECT v FROM t");
        var one = connection.Prepare("SELECT v FROM t WHERE v = @id");
        var open = all.Run();
        connection.Dispose();

        // Rows disposed after their connection leave its finalized statement alone.
        open.Dispose();

        Assert.True(connection.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => connection.Prepare("SELECT v FROM t"));
        Assert.Throws<ObjectDisposedException>(() => all.Run());
        Assert.Throws<ObjectDisposedException>(() => one.Run(Guid.NewGuid()));
    }

    [Theory]
    [InlineData("Data Source=/data/cases.db", true)]
    [InlineData("Data Source=file:/data/cases.db?mode=ro", true)]
    [InlineData("Data Source=:memory:", false)]
    [InlineData("Data Source=cases;Mode=Memory", false)]
    [InlineData("Data Source=/data/cases.db;Password=secret", false)]
    [InlineData("Data Source=/data/cases.db;Vfs=unix-dotfile", false)]
    public void CanOpen_OnlyWhatItOpensAsMicrosoftDataSqliteWould(string connectionString, bool expected) =>
        Assert.Equal(expected, DirectConnection.CanOpen(connectionString));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    /// <summary>Creates the file with a schema and rows, through Microsoft.Data.Sqlite: parameters $k and $g.</summary>
    private void Seed(string schema, params (string Sql, string Key, object Value)[] rows)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; " + schema;
        command.ExecuteNonQuery();
        foreach (var (sql, key, value) in rows)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = sql;
            insert.Parameters.AddWithValue("$k", key);
            if (sql.Contains("$g", StringComparison.Ordinal))
            {
                insert.Parameters.AddWithValue("$g", value);
            }

            insert.ExecuteNonQuery();
        }
    }
}
