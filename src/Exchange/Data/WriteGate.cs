namespace Avz.Exchange.Data;

/// <summary>
/// Serialises this process's writes to an SQLite case database. SQLite has one writer at a time; concurrent writers
/// otherwise meet SQLITE_BUSY and Microsoft.Data.Sqlite retries after sleeping, which showed as 300-460 ms tails under
/// eight concurrent supplies (bench/results/exchange-load.md). Queuing in memory is fairer and wastes no sleep.
/// Server databases (PostgreSQL, SQL Server) take concurrent writers and pass straight through.
/// </summary>
internal sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<Releaser> EnterAsync(ExchangeDbContext db, CancellationToken cancellationToken)
    {
        if (db is not SqliteExchangeDbContext)
        {
            return default;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(gate);
    }

    /// <summary>Enters the gate for a write that is known to go to SQLite (no context to ask).</summary>
    public async Task<Releaser> EnterSqliteAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        return new Releaser(gate);
    }

    public void Dispose() => gate.Dispose();

    internal readonly struct Releaser(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
