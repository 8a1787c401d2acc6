using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Avz.Exchange.Cases;

/// <summary>
/// A connection to the gateway's SQLite file for the request path's reads, through SQLite's C API directly
/// (<see cref="SqliteNative"/>) rather than Microsoft.Data.Sqlite.
/// </summary>
/// <remarks>
/// <para>
/// Why: issue 16's eleventh profile of the information request found 4.6 % of the gateway's CPU in counting SQLitePCL's
/// safe handles up and down around each of the few hundred calls a request's reads make (a step, then a column at a
/// time), and 3.5 % in mutexes, SQLite taking its connection mutex around each call as its default threading mode
/// asks. Here a statement and its connection are plain pointers, and the connection is opened without that mutex.
/// </para>
/// <para>
/// Not thread-safe: one caller at a time, which is what makes the mutex unnecessary (the sessions of
/// <see cref="SqliteCaseReads"/> are rented to one call and handed back). Disposing, or the finalizer of a connection
/// never disposed, finalizes every statement prepared on it and closes it.
/// </para>
/// </remarks>
internal sealed unsafe class DirectConnection : SafeHandle
{
    /// <summary>A closed connection; <see cref="Open"/> makes open ones (the constructor is for the marshaller's sake, CA1419).</summary>
    public DirectConnection()
        : base(0, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == 0;

    /// <summary>Whether these connections can open what a connection string names: a file, without encryption or a VFS of its own.</summary>
    /// <param name="connectionString">The gateway's SQLite connection string.</param>
    /// <returns>False where Microsoft.Data.Sqlite does something these connections do not.</returns>
    public static bool CanOpen(string connectionString)
    {
        var options = new SqliteConnectionStringBuilder(connectionString);
        return options.Mode != SqliteOpenMode.Memory && options.Password.Length == 0 && string.IsNullOrWhiteSpace(options.Vfs)
            && !options.DataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase) && options.DataSource.Length > 0;
    }

    /// <summary>Opens the file a connection string names, in its mode (never creating it), with its busy timeout.</summary>
    /// <param name="connectionString">The gateway's SQLite connection string; <see cref="CanOpen"/> holds for it.</param>
    /// <returns>The open connection.</returns>
    /// <exception cref="SqliteException">SQLite could not open the file.</exception>
    public static DirectConnection Open(string connectionString)
    {
        var options = new SqliteConnectionStringBuilder(connectionString);
        var flags = SqliteNative.OpenNoMutex | (options.Mode == SqliteOpenMode.ReadOnly ? SqliteNative.OpenReadOnly : SqliteNative.OpenReadWrite);
        if (options.DataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            flags |= SqliteNative.OpenUri;
        }

        var connection = new DirectConnection();
        nint database = 0;
        int code;
        fixed (byte* name = Encoding.UTF8.GetBytes(options.DataSource + "\0"))
        {
            code = SqliteNative.Open(name, &database, flags, null);
        }

        // Even a failed open returns a handle (for its message) that must be closed.
        connection.SetHandle(database);
        if (code != SqliteNative.Ok)
        {
            var failure = connection.Failure(code);
            connection.Dispose();
            throw failure;
        }

        // Microsoft.Data.Sqlite retries a busy statement until the connection string's timeout (0: for ever); SQLite
        // does the same here.
        _ = SqliteNative.BusyTimeout(database, options.DefaultTimeout == 0 ? int.MaxValue : checked(options.DefaultTimeout * 1000));
        return connection;
    }

    /// <summary>Prepares a statement to run many times on this connection; it lives as long as the connection.</summary>
    /// <param name="sql">One statement.</param>
    /// <returns>The statement.</returns>
    public DirectStatement Prepare(string sql) => new(this, Compile(sql, SqliteNative.PreparePersistent));

    /// <summary>Runs a statement once (a pragma, say) and finalizes it.</summary>
    /// <param name="sql">One statement.</param>
    public void Execute(string sql)
    {
        var statement = Compile(sql, 0);
        try
        {
            int code;
            while ((code = SqliteNative.Step(statement)) == SqliteNative.Row)
            {
            }

            if (code != SqliteNative.Done)
            {
                throw Failure(code);
            }
        }
        finally
        {
            _ = SqliteNative.Finalize(statement);
        }
    }

    /// <summary>SQLite's error of this connection's last call, as Microsoft.Data.Sqlite reports it.</summary>
    /// <param name="code">The result code the call returned.</param>
    /// <returns>The exception to throw.</returns>
    internal SqliteException Failure(int code)
    {
        var message = handle == 0 ? null : Marshal.PtrToStringUTF8((nint)SqliteNative.ErrorMessage(handle));
        var extended = handle == 0 ? code : SqliteNative.ExtendedErrorCode(handle);
        return new SqliteException($"SQLite Error {code}: '{message}'.", code & 0xFF, extended);
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        // Statements first: close_v2 would otherwise leave the connection open until each is finalized.
        nint statement;
        while ((statement = SqliteNative.NextStatement(handle, 0)) != 0)
        {
            _ = SqliteNative.Finalize(statement);
        }

        return SqliteNative.Close(handle) == SqliteNative.Ok;
    }

    private nint Compile(string sql, uint flags)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        var text = Encoding.UTF8.GetBytes(sql);
        nint statement = 0;
        int code;
        fixed (byte* start = text)
        {
            code = SqliteNative.Prepare(handle, start, text.Length, flags, &statement, null);
        }

        if (code != SqliteNative.Ok)
        {
            throw Failure(code);
        }

        return statement == 0 ? throw new ArgumentException("The SQL holds no statement.", nameof(sql)) : statement;
    }
}
