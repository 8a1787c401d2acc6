using System.Runtime.InteropServices;

namespace Avz.Exchange.Cases;

/// <summary>
/// The few functions of SQLite's C API that the request path's reads call directly (<see cref="DirectConnection"/>),
/// in the e_sqlite3 library that Microsoft.Data.Sqlite loads. Every argument is a plain pointer: no safe handle is
/// counted up and down around each call, which is what SQLitePCL's bindings do.
/// </summary>
internal static unsafe partial class SqliteNative
{
    public const int Ok = 0;
    public const int Row = 100;
    public const int Done = 101;
    public const int Null = 5;
    public const int Blob = 4;

    public const int OpenReadOnly = 0x1;
    public const int OpenReadWrite = 0x2;
    public const int OpenUri = 0x40;

    /// <summary>The connection is used by one thread at a time, so SQLite takes no mutex around each call on it.</summary>
    public const int OpenNoMutex = 0x8000;

    /// <summary>A statement kept for many runs: SQLite may place it where it does not count against its lookaside memory.</summary>
    public const uint PreparePersistent = 0x1;

    /// <summary>SQLITE_TRANSIENT: SQLite copies a bound value before the bind returns.</summary>
    public static readonly nint Transient = -1;

    private const string Library = "e_sqlite3";

    [LibraryImport(Library, EntryPoint = "sqlite3_open_v2")]
    public static partial int Open(byte* filename, nint* database, int flags, byte* vfs);

    [LibraryImport(Library, EntryPoint = "sqlite3_close_v2")]
    public static partial int Close(nint database);

    [LibraryImport(Library, EntryPoint = "sqlite3_busy_timeout")]
    public static partial int BusyTimeout(nint database, int milliseconds);

    [LibraryImport(Library, EntryPoint = "sqlite3_errmsg")]
    public static partial byte* ErrorMessage(nint database);

    [LibraryImport(Library, EntryPoint = "sqlite3_extended_errcode")]
    public static partial int ExtendedErrorCode(nint database);

    [LibraryImport(Library, EntryPoint = "sqlite3_prepare_v3")]
    public static partial int Prepare(nint database, byte* sql, int bytes, uint flags, nint* statement, byte** tail);

    [LibraryImport(Library, EntryPoint = "sqlite3_next_stmt")]
    public static partial nint NextStatement(nint database, nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_finalize")]
    public static partial int Finalize(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    public static partial int Reset(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_parameter_count")]
    public static partial int ParameterCount(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    public static partial int BindText(nint statement, int index, byte* text, int bytes, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    public static partial int ColumnType(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    public static partial long ColumnInt64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
    public static partial byte* ColumnText(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    public static partial byte* ColumnBlob(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    public static partial int ColumnBytes(nint statement, int column);
}
