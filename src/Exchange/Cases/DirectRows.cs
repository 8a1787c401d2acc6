namespace Avz.Exchange.Cases;

/// <summary>
/// The rows of one run of a <see cref="DirectStatement"/>: step with <see cref="Read"/>, read the current row's columns
/// (0-based), and dispose to reset the statement. Column values are copied out; nothing refers to SQLite's memory after
/// a read returns.
/// </summary>
internal readonly struct DirectRows(DirectStatement statement) : IDisposable
{
    /// <summary>Steps to the next row.</summary>
    /// <returns>Whether there is one.</returns>
    public bool Read() => statement.Step();

    public bool IsNull(int column) => statement.IsNull(column);

    public long Int64(int column) => statement.Int64(column);

    public int Int32(int column) => checked((int)statement.Int64(column));

    public string Text(int column) => statement.Text(column);

    public string? OptionalText(int column) => statement.IsNull(column) ? null : statement.Text(column);

    /// <summary>A text from the policies' vocabulary, read through <see cref="Words"/>.</summary>
    public string Word(int column) => statement.Word(column);

    public string? OptionalWord(int column) => statement.IsNull(column) ? null : statement.Word(column);

    public byte[] Blob(int column) => statement.Blob(column);

    public byte[]? OptionalBlob(int column) => statement.IsNull(column) ? null : statement.Blob(column);

    public Guid Guid(int column) => statement.Guid(column);

    /// <summary>An instant as EF Core's SQLite model of the gateway stores it: UTC ticks.</summary>
    public DateTimeOffset Instant(int column) => new(statement.Int64(column), TimeSpan.Zero);

    public DateTimeOffset? OptionalInstant(int column) => statement.IsNull(column) ? null : Instant(column);

    /// <summary>Resets the statement.</summary>
    public void Dispose() => statement.Reset();
}
