using Avz.Audit.Storage;

namespace Avz.Audit;

/// <summary>
/// Opens the access log a gateway is configured with: its signing key (<c>audit-signing.key</c> in the data
/// directory, made on first use) and its store. The gateway and the <c>avz</c> command both open it here, so the two
/// cannot disagree on the origin, the store or the file.
/// </summary>
public static class AccessLogFactory
{
    /// <summary>Opens the log.</summary>
    /// <param name="options">The settings; <see cref="AccessLogOptions.Problems"/> must be empty.</param>
    /// <param name="dataDirectory">The gateway's data directory.</param>
    /// <param name="time">The clock.</param>
    /// <param name="keyCreated">Whether a new signing key was made (back it up, publish its verifier key).</param>
    /// <returns>The open log.</returns>
    /// <exception cref="InvalidOperationException">The settings cannot work, the key belongs to another origin, or the store cannot be opened; the message says which.</exception>
    public static AccessLog Open(AccessLogOptions options, string dataDirectory, TimeProvider time, out bool keyCreated)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems().FirstOrDefault() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        Directory.CreateDirectory(dataDirectory);
        var signer = AuditKeyFile.LoadOrCreate(Path.Combine(dataDirectory, AuditKeyFile.FileName), options.Origin, out keyCreated);
        try
        {
            return AccessLog.Open(OpenStore(options, dataDirectory), signer, time, options);
        }
        catch
        {
            signer.Dispose();
            throw;
        }
    }

    /// <summary>Opens the configured store, for reading (the verifier) or appending.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="dataDirectory">The gateway's data directory.</param>
    /// <returns>The store.</returns>
    /// <exception cref="InvalidOperationException">The store cannot be opened; the message says why.</exception>
    public static IAuditStore OpenStore(AccessLogOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return options.ParsedStore switch
            {
                AuditStoreKind.Postgres => new PostgresAuditStore(options.ConnectionString!),
                AuditStoreKind.Sqlite => new SqliteAuditStore(Path.Combine(dataDirectory, AccessLogOptions.DatabaseFile)),
                _ => throw new InvalidOperationException("Audit:Store must be Sqlite or Postgres."),
            };
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or ArgumentException)
        {
            throw new InvalidOperationException($"The access log's PostgreSQL database cannot be opened ({e.GetType().Name}); check Audit:ConnectionString.", e);
        }
    }
}
