using System.Buffers.Text;
using System.Text;

namespace Avz.Exchange.Cases;

/// <summary>
/// A statement prepared on a <see cref="DirectConnection"/>, run many times: bind its parameters with
/// <see cref="Run(Guid)"/>, read its rows through the <see cref="DirectRows"/> returned, and dispose those to reset it.
/// Not thread-safe, like its connection; finalized with its connection, after which it refuses to run.
/// </summary>
internal sealed unsafe class DirectStatement
{
    /// <summary>Longer bound text goes through the heap.</summary>
    private const int StackText = 256;

    private readonly DirectConnection connection;
    private readonly nint statement;

    internal DirectStatement(DirectConnection connection, nint statement)
    {
        this.connection = connection;
        this.statement = statement;
        Parameters = SqliteNative.ParameterCount(statement);
    }

    /// <summary>How many parameters the statement has.</summary>
    public int Parameters { get; }

    /// <summary>Runs the statement without parameters.</summary>
    /// <returns>Its rows.</returns>
    public DirectRows Run() => Start(0);

    /// <summary>Runs the statement with a GUID as its first parameter, as text the way EF Core's SQLite provider stores it (<see cref="SqliteDirect.Text"/>).</summary>
    /// <param name="id">The GUID.</param>
    /// <returns>Its rows.</returns>
    public DirectRows Run(Guid id)
    {
        var rows = Start(1);
        Bind(1, id);
        return rows;
    }

    /// <summary>Runs the statement with a GUID and a text as its two parameters.</summary>
    /// <param name="id">The first parameter.</param>
    /// <param name="value">The second parameter.</param>
    /// <returns>Its rows.</returns>
    public DirectRows Run(Guid id, string value)
    {
        var rows = Start(2);
        Bind(1, id);
        Bind(2, value);
        return rows;
    }

    /// <summary>Steps to the next row.</summary>
    /// <returns>Whether there is one.</returns>
    /// <exception cref="Microsoft.Data.Sqlite.SqliteException">SQLite failed.</exception>
    internal bool Step()
    {
        var code = SqliteNative.Step(statement);

        // The connection's finalizer finalizes this statement: it must not run while SQLite steps through it.
        GC.KeepAlive(connection);
        return code switch
        {
            SqliteNative.Row => true,
            SqliteNative.Done => false,
            _ => throw connection.Failure(code),
        };
    }

    /// <summary>Ends a run: the statement lets go of what it read, and can run again. Nothing to do once the connection closed.</summary>
    internal void Reset()
    {
        if (!connection.IsClosed)
        {
            _ = SqliteNative.Reset(statement);
        }
    }

    internal bool IsNull(int column) => SqliteNative.ColumnType(statement, column) == SqliteNative.Null;

    internal long Int64(int column) => SqliteNative.ColumnInt64(statement, column);

    internal string Text(int column) => Encoding.UTF8.GetString(TextBytes(column));

    /// <summary>
    /// A text from a small vocabulary (a party, a purpose, a category, a field name, a status): the same string for
    /// the same bytes, from <see cref="Words"/>, so reading one allocates nothing once it was read before.
    /// </summary>
    internal string Word(int column) => Words.Get(TextBytes(column));

    /// <summary>A text column's UTF-8 bytes, in SQLite's memory until the next step or reset.</summary>
    private ReadOnlySpan<byte> TextBytes(int column)
    {
        // The pointer first, then its length (SQLite's documented order).
        var text = SqliteNative.ColumnText(statement, column);
        return text is null
            ? throw new InvalidOperationException($"Column {column} is NULL where text was expected.")
            : new ReadOnlySpan<byte>(text, SqliteNative.ColumnBytes(statement, column));
    }

    internal byte[] Blob(int column)
    {
        var data = SqliteNative.ColumnBlob(statement, column);
        var length = SqliteNative.ColumnBytes(statement, column);
        if (data is null)
        {
            // A zero-length blob comes back as a null pointer too.
            return IsNull(column) ? throw new InvalidOperationException($"Column {column} is NULL where bytes were expected.") : [];
        }

        return new ReadOnlySpan<byte>(data, length).ToArray();
    }

    internal Guid Guid(int column)
    {
        // As Microsoft.Data.Sqlite's GetGuid: 16 bytes of a blob, or the text of one.
        if (SqliteNative.ColumnType(statement, column) == SqliteNative.Blob)
        {
            return new Guid(Blob(column));
        }

        var text = SqliteNative.ColumnText(statement, column);
        var bytes = new ReadOnlySpan<byte>(text, text is null ? 0 : SqliteNative.ColumnBytes(statement, column));
        return Utf8Parser.TryParse(bytes, out Guid id, out var read) && read == bytes.Length
            ? id
            : throw new FormatException($"Column {column} does not hold a GUID.");
    }

    /// <summary>Checks the statement can run with this many parameters; bind them after.</summary>
    private DirectRows Start(int bound)
    {
        // A closed connection has finalized its statements: their pointers are gone.
        ObjectDisposedException.ThrowIf(connection.IsClosed, connection);
        if (bound != Parameters)
        {
            throw new InvalidOperationException($"The statement has {Parameters} parameters; {bound} were given.");
        }

        return new DirectRows(this);
    }

    private void Bind(int index, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Span<byte> text = length <= StackText ? stackalloc byte[StackText] : new byte[length];
        Bind(index, text[..Encoding.UTF8.GetBytes(value, text)]);
    }

    /// <summary>
    /// Binds a GUID as the text EF Core stores (<see cref="SqliteDirect.Utf8"/>), formatted on the stack: two strings
    /// less per read (issue 16's allocation profile of the information request, which runs four of these reads).
    /// </summary>
    private void Bind(int index, Guid id)
    {
        Span<byte> text = stackalloc byte[SqliteDirect.GuidLength];
        SqliteDirect.Utf8(id, text);
        Bind(index, text);
    }

    private void Bind(int index, ReadOnlySpan<byte> text)
    {
        int code;
        fixed (byte* start = text)
        {
            // SQLITE_TRANSIENT: SQLite copies the text, which lives on this stack frame only.
            code = SqliteNative.BindText(statement, index, start, text.Length, SqliteNative.Transient);
        }

        if (code != SqliteNative.Ok)
        {
            throw connection.Failure(code);
        }
    }
}
