using System.Collections.Concurrent;
using Avz.Exchange.Data;
using Microsoft.Data.Sqlite;

namespace Avz.Exchange.Cases;

/// <summary>
/// The request path's reads on SQLite as prepared statements on connections kept open for them, without EF Core.
/// Issue 16's fourth profile of the information request: with EF Core's compiled queries, the reads were a third of
/// the gateway's CPU, of which SQLite's own work (stepping through the rows) was about 8 %; the rest was EF Core's
/// enumerators and shapers, preparing the same statements again for every call (about 6 %), and opening and closing the
/// pooled connection (about 6 %, EF Core registering its SQL functions on every open).
/// </summary>
/// <remarks>
/// <para>
/// Each session is one connection with the statements prepared on it, used by one call at a time and then returned.
/// Its connection is outside Microsoft.Data.Sqlite's pool (<c>Pooling=False</c>) and has <c>query_only</c> set, so it
/// can never write and never hands that setting to a connection that must. In WAL mode a reader sees every commit
/// before its statement starts; a statement is reset when its reader is disposed, so no session keeps a read
/// transaction (and with it an old snapshot, or a WAL the checkpoint cannot pass) between calls.
/// </para>
/// <para>
/// The SQL is written against the SQLite model of <see cref="SqliteExchangeDbContext"/>: GUIDs as upper-case text,
/// instants as UTC ticks, the case status by name. <c>CaseReadTests</c> holds it to the EF Core queries of
/// <see cref="CaseReads"/> (same rows, same values) and to index searches.
/// </para>
/// </remarks>
internal sealed class SqliteCaseReads : IDisposable
{
    internal const string CaseSql =
        """
        SELECT "Convenant", "Purpose", "Status", "DirectionHolder", "RegisteredBy", "Municipality", "RegisteredAt",
               "SubjectIndex", "SubjectPseudonym", "SubjectCiphertext", "ReasonCiphertext", "RetentionUntil", "ShreddedAt"
        FROM "cases" WHERE "Id" = @id
        """;

    internal const string ParticipantsSql =
        """SELECT "Party", "AdmittedAt", "AdmittedBy" FROM "case_participants" WHERE "CaseId" = @id""";

    internal const string OpenConsentsSql =
        """
        SELECT "Id", "Categories", "Recipients", "EvidenceCiphertext", "RecordedAt", "RecordedBy", "ValidUntil"
        FROM "consents" WHERE "CaseId" = @id AND "WithdrawnAt" IS NULL AND "Purpose" = @purpose
        """;

    /// <summary>
    /// The case's items with their fields in one statement: items by the case id index, fields by primary-key prefix.
    /// The item's rowid comes first so a row of an item already read is told by an integer, not by parsing its id's text.
    /// </summary>
    internal const string ItemsWithFieldsSql =
        """
        SELECT i.rowid, i."Id", i."Category", i."Supplier", i."Purpose", i."SuppliedAt", f."Name", f."Ciphertext"
        FROM "information_items" AS i LEFT JOIN "information_fields" AS f ON f."ItemId" = i."Id"
        WHERE i."CaseId" = @id
        """;

    /// <summary>A case's current data key: its highest version (the unique case id and version index, read backwards).</summary>
    internal const string CurrentDataKeySql =
        """
        SELECT "Id", "Version", "KekId", "Wrapped", "CreatedAt", "DestroyedAt"
        FROM "data_keys" WHERE "CaseId" = @id ORDER BY "Version" DESC LIMIT 1
        """;

    /// <summary>A data key by its id (the primary key).</summary>
    internal const string DataKeySql =
        """SELECT "CaseId", "Version", "KekId", "Wrapped", "CreatedAt", "DestroyedAt" FROM "data_keys" WHERE "Id" = @id""";

    /// <summary>Sessions kept idle; more may exist while calls overlap, and those close on return.</summary>
    private static readonly int MaxIdle = Math.Max(4, 2 * Environment.ProcessorCount);

    private readonly string connectionString;
    private readonly ConcurrentStack<Session> idle = new();
    private int idleCount;
    private volatile bool disposed;

    public SqliteCaseReads(string connectionString)
    {
        this.connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
    }

    /// <summary>A case with its participants; null when there is no such case.</summary>
    public CaseRecord? CaseWithParticipants(Guid id) => Use(s => s.CaseWithParticipants(id));

    /// <summary>The consents recorded on a case for a purpose and not withdrawn.</summary>
    public List<ConsentRecord> OpenConsents(Guid id, string purpose) => Use(s => s.OpenConsents(id, purpose));

    /// <summary>A case's items with their fields; only the items of one category when it is given.</summary>
    public List<InformationItem> ItemsWithFields(Guid id, string? category) => Use(s => s.ItemsWithFields(id, category));

    /// <summary>A case's current data key (its highest version); null when it has none.</summary>
    public DataKeyRecord? CurrentDataKey(Guid caseId) => Use(s => s.DataKey(caseId, current: true));

    /// <summary>A data key by its id; null when there is none.</summary>
    public DataKeyRecord? DataKey(Guid id) => Use(s => s.DataKey(id, current: false));

    /// <summary>
    /// A session held for several reads in one read transaction: they see one snapshot of the database, and take the
    /// WAL's read lock once instead of once per statement. Dispose it as soon as the reads are done.
    /// </summary>
    public Snapshot BeginSnapshot() => new(this);

    public void Dispose()
    {
        disposed = true;
        while (idle.TryPop(out var session))
        {
            session.Dispose();
        }
    }

    /// <summary>Runs a read on an idle session (or a new one) and returns it; a session whose read failed is not reused, its state not known.</summary>
    private T Use<T>(Func<Session, T> read)
    {
        var session = Rent();
        T result;
        try
        {
            result = read(session);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        Return(session);
        return result;
    }

    private Session Rent()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (idle.TryPop(out var session))
        {
            Interlocked.Decrement(ref idleCount);
            return session;
        }

        return new Session(connectionString);
    }

    private void Return(Session session)
    {
        if (!disposed && Interlocked.Increment(ref idleCount) <= MaxIdle)
        {
            idle.Push(session);
            if (!disposed)
            {
                return;
            }

            // Disposed meanwhile: Dispose may have emptied the stack before this push; take it back out.
            while (idle.TryPop(out var left))
            {
                left.Dispose();
            }

            return;
        }

        Interlocked.Decrement(ref idleCount);
        session.Dispose();
    }

    /// <summary>Reads in one read transaction on one session (<see cref="BeginSnapshot"/>); not for concurrent use.</summary>
    internal sealed class Snapshot : IDisposable
    {
        private readonly SqliteCaseReads owner;
        private Session? session;
        private bool failed;

        internal Snapshot(SqliteCaseReads owner)
        {
            this.owner = owner;
            var rented = owner.Rent();
            try
            {
                rented.Begin();
            }
            catch
            {
                rented.Dispose();
                throw;
            }

            session = rented;
        }

        /// <inheritdoc cref="SqliteCaseReads.CaseWithParticipants"/>
        public CaseRecord? CaseWithParticipants(Guid id) => Run(s => s.CaseWithParticipants(id));

        /// <inheritdoc cref="SqliteCaseReads.OpenConsents"/>
        public List<ConsentRecord> OpenConsents(Guid id, string purpose) => Run(s => s.OpenConsents(id, purpose));

        /// <inheritdoc cref="SqliteCaseReads.ItemsWithFields"/>
        public List<InformationItem> ItemsWithFields(Guid id, string? category) => Run(s => s.ItemsWithFields(id, category));

        /// <summary>Ends the read transaction and hands the session back; a session whose read or end failed is closed instead.</summary>
        public void Dispose()
        {
            var held = session;
            session = null;
            if (held is null)
            {
                return;
            }

            if (!failed)
            {
                try
                {
                    held.End();
                    owner.Return(held);
                    return;
                }
                catch (SqliteException)
                {
                    // Closing the connection below ends its transaction.
                }
            }

            held.Dispose();
        }

        private T Run<T>(Func<Session, T> read)
        {
            var held = session ?? throw new ObjectDisposedException(nameof(Snapshot));
            try
            {
                return read(held);
            }
            catch
            {
                failed = true;
                throw;
            }
        }
    }

    private static DateTimeOffset Instant(SqliteDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    private static DateTimeOffset? OptionalInstant(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Instant(reader, ordinal);

    private static string? OptionalText(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static byte[]? OptionalBytes(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : (byte[])reader.GetValue(ordinal);

    private sealed class Session : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand caseById;
        private readonly SqliteCommand participants;
        private readonly SqliteCommand consents;
        private readonly SqliteCommand items;
        private readonly SqliteCommand currentDataKey;
        private readonly SqliteCommand dataKey;
        private readonly SqliteCommand begin;
        private readonly SqliteCommand end;

        public Session(string connectionString)
        {
            connection = SqliteDirect.Open(connectionString, "PRAGMA query_only = ON;");
            try
            {
                caseById = Prepared(CaseSql, "@id");
                participants = Prepared(ParticipantsSql, "@id");
                consents = Prepared(OpenConsentsSql, "@id", "@purpose");
                items = Prepared(ItemsWithFieldsSql, "@id");
                currentDataKey = Prepared(CurrentDataKeySql, "@id");
                dataKey = Prepared(DataKeySql, "@id");

                // A deferred BEGIN: the read transaction (and its WAL read lock) starts at the first SELECT after it.
                begin = Prepared("BEGIN");
                end = Prepared("COMMIT");
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public void Begin() => begin.ExecuteNonQuery();

        public void End() => end.ExecuteNonQuery();

        public CaseRecord? CaseWithParticipants(Guid id)
        {
            caseById.Parameters[0].Value = SqliteDirect.Text(id);
            CaseRecord record;
            using (var reader = caseById.ExecuteReader())
            {
                if (!reader.Read())
                {
                    return null;
                }

                record = new CaseRecord
                {
                    Id = id,
                    Convenant = reader.GetString(0),
                    Purpose = reader.GetString(1),
                    Status = Enum.Parse<CaseStatus>(reader.GetString(2)),
                    DirectionHolder = reader.GetString(3),
                    RegisteredBy = reader.GetString(4),
                    Municipality = OptionalText(reader, 5),
                    RegisteredAt = Instant(reader, 6),
                    SubjectIndex = (byte[])reader.GetValue(7),
                    SubjectPseudonym = reader.GetString(8),
                    SubjectCiphertext = OptionalBytes(reader, 9),
                    ReasonCiphertext = OptionalBytes(reader, 10),
                    RetentionUntil = OptionalInstant(reader, 11),
                    ShreddedAt = OptionalInstant(reader, 12),
                };
            }

            participants.Parameters[0].Value = SqliteDirect.Text(id);
            using (var reader = participants.ExecuteReader())
            {
                while (reader.Read())
                {
                    record.Participants.Add(new CaseParticipant { CaseId = id, Party = reader.GetString(0), AdmittedAt = Instant(reader, 1), AdmittedBy = reader.GetString(2) });
                }
            }

            return record;
        }

        public List<ConsentRecord> OpenConsents(Guid id, string purpose)
        {
            consents.Parameters[0].Value = SqliteDirect.Text(id);
            consents.Parameters[1].Value = purpose;
            var found = new List<ConsentRecord>();
            using var reader = consents.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new ConsentRecord
                {
                    Id = reader.GetGuid(0),
                    CaseId = id,
                    Purpose = purpose,
                    Categories = reader.GetString(1),
                    Recipients = reader.GetString(2),
                    EvidenceCiphertext = (byte[])reader.GetValue(3),
                    RecordedAt = Instant(reader, 4),
                    RecordedBy = reader.GetString(5),
                    ValidUntil = Instant(reader, 6),
                });
            }

            return found;
        }

        public List<InformationItem> ItemsWithFields(Guid id, string? category)
        {
            items.Parameters[0].Value = SqliteDirect.Text(id);
            var found = new List<InformationItem>();
            var seen = new Dictionary<long, InformationItem?>();
            InformationItem? current = null;
            long? currentRow = null;
            using var reader = items.ExecuteReader();
            while (reader.Read())
            {
                var row = reader.GetInt64(0);
                if (row != currentRow)
                {
                    currentRow = row;
                    if (!seen.TryGetValue(row, out current))
                    {
                        // First row of an item (the join gives an item's fields one after another, but nothing here
                        // depends on it); an item of another category than the one asked for is remembered as null.
                        var itemCategory = reader.GetString(2);
                        current = category is null || string.Equals(itemCategory, category, StringComparison.Ordinal)
                            ? new InformationItem { Id = reader.GetGuid(1), CaseId = id, Category = itemCategory, Supplier = reader.GetString(3), Purpose = reader.GetString(4), SuppliedAt = Instant(reader, 5) }
                            : null;
                        seen.Add(row, current);
                        if (current is not null)
                        {
                            found.Add(current);
                        }
                    }
                }

                if (current is not null && !reader.IsDBNull(6))
                {
                    current.Fields.Add(new InformationField { ItemId = current.Id, Name = reader.GetString(6), Ciphertext = (byte[])reader.GetValue(7) });
                }
            }

            return found;
        }

        /// <summary>The case's current key (<paramref name="id"/> is the case's) or the key with that id.</summary>
        public DataKeyRecord? DataKey(Guid id, bool current)
        {
            var command = current ? currentDataKey : dataKey;
            command.Parameters[0].Value = SqliteDirect.Text(id);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var other = reader.GetGuid(0);
            return new DataKeyRecord
            {
                Id = current ? other : id,
                CaseId = current ? id : other,
                Version = reader.GetInt32(1),
                KekId = reader.GetString(2),
                Wrapped = (byte[])reader.GetValue(3),
                CreatedAt = Instant(reader, 4),
                DestroyedAt = OptionalInstant(reader, 5),
            };
        }

        public void Dispose()
        {
            caseById.Dispose();
            participants.Dispose();
            consents.Dispose();
            items.Dispose();
            currentDataKey.Dispose();
            dataKey.Dispose();
            begin.Dispose();
            end.Dispose();
            connection.Dispose();
        }

        private SqliteCommand Prepared(string sql, params string[] parameters) =>
            SqliteDirect.Prepare(connection, sql, [.. parameters.Select(name => (name, SqliteType.Text))]);
    }
}
