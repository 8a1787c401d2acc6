using System.Collections.Concurrent;
using Avz.Exchange.Data;
using Microsoft.Data.Sqlite;

namespace Avz.Exchange.Cases;

/// <summary>
/// The request path's reads on SQLite as prepared statements on connections kept open for them, without EF Core and
/// without Microsoft.Data.Sqlite (<see cref="DirectConnection"/>). Issue 16's fourth profile of the information request:
/// with EF Core's compiled queries, the reads were a third of the gateway's CPU, of which SQLite's own work (stepping
/// through the rows) was about 8 %; the rest was EF Core's enumerators and shapers, preparing the same statements again
/// for every call (about 6 %), and opening and closing the pooled connection (about 6 %, EF Core registering its SQL
/// functions on every open). Its eleventh found another 8 % in Microsoft.Data.Sqlite's way of calling SQLite (safe
/// handles counted around every call, SQLite's connection mutex), which the direct connections do without.
/// </summary>
/// <remarks>
/// <para>
/// Each session is one connection with the statements prepared on it, used by one call at a time and then returned.
/// Its connection has <c>query_only</c> set, so it can never write. In WAL mode a reader sees every commit before its
/// statement starts; a statement is reset when its rows are disposed, so no session keeps a read transaction (and with
/// it an old snapshot, or a WAL the checkpoint cannot pass) between calls.
/// </para>
/// <para>
/// The SQL is written against the SQLite model of <see cref="SqliteExchangeDbContext"/>: GUIDs as upper-case text,
/// instants as UTC ticks, the case status by name. <c>CaseReadTests</c> holds it to the EF Core queries of
/// <see cref="CaseReads"/> (same rows, same values) and to index searches. Where a connection string asks for what the
/// direct connections cannot do (<see cref="DirectConnection.CanOpen"/>), the reads stay with EF Core.
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
        this.connectionString = connectionString;
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

    private sealed class Session : IDisposable
    {
        private readonly DirectConnection connection;
        private readonly DirectStatement caseById;
        private readonly DirectStatement participants;
        private readonly DirectStatement consents;
        private readonly DirectStatement items;
        private readonly DirectStatement currentDataKey;
        private readonly DirectStatement dataKey;
        private readonly DirectStatement begin;
        private readonly DirectStatement end;

        public Session(string connectionString)
        {
            connection = DirectConnection.Open(connectionString);
            try
            {
                connection.Execute("PRAGMA query_only = ON;");
                caseById = connection.Prepare(CaseSql);
                participants = connection.Prepare(ParticipantsSql);
                consents = connection.Prepare(OpenConsentsSql);
                items = connection.Prepare(ItemsWithFieldsSql);
                currentDataKey = connection.Prepare(CurrentDataKeySql);
                dataKey = connection.Prepare(DataKeySql);

                // A deferred BEGIN: the read transaction (and its WAL read lock) starts at the first SELECT after it.
                begin = connection.Prepare("BEGIN");
                end = connection.Prepare("COMMIT");
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public void Begin() => Once(begin);

        public void End() => Once(end);

        public CaseRecord? CaseWithParticipants(Guid id)
        {
            CaseRecord record;
            using (var row = caseById.Run(id))
            {
                if (!row.Read())
                {
                    return null;
                }

                record = new CaseRecord
                {
                    Id = id,
                    Convenant = row.Word(0),
                    Purpose = row.Word(1),
                    Status = Enum.Parse<CaseStatus>(row.Word(2)),
                    DirectionHolder = row.Word(3),
                    RegisteredBy = row.Word(4),
                    Municipality = row.OptionalWord(5),
                    RegisteredAt = row.Instant(6),
                    SubjectIndex = row.Blob(7),
                    SubjectPseudonym = row.Text(8),
                    SubjectCiphertext = row.OptionalBlob(9),
                    ReasonCiphertext = row.OptionalBlob(10),
                    RetentionUntil = row.OptionalInstant(11),
                    ShreddedAt = row.OptionalInstant(12),
                };
            }

            using (var rows = participants.Run(id))
            {
                while (rows.Read())
                {
                    record.Participants.Add(new CaseParticipant { CaseId = id, Party = rows.Word(0), AdmittedAt = rows.Instant(1), AdmittedBy = rows.Word(2) });
                }
            }

            return record;
        }

        public List<ConsentRecord> OpenConsents(Guid id, string purpose)
        {
            var found = new List<ConsentRecord>();
            using var rows = consents.Run(id, purpose);
            while (rows.Read())
            {
                found.Add(new ConsentRecord
                {
                    Id = rows.Guid(0),
                    CaseId = id,
                    Purpose = purpose,
                    Categories = rows.Text(1),
                    Recipients = rows.Text(2),
                    EvidenceCiphertext = rows.Blob(3),
                    RecordedAt = rows.Instant(4),
                    RecordedBy = rows.Text(5),
                    ValidUntil = rows.Instant(6),
                });
            }

            return found;
        }

        public List<InformationItem> ItemsWithFields(Guid id, string? category)
        {
            var found = new List<InformationItem>();
            var seen = new Dictionary<long, InformationItem?>();
            InformationItem? current = null;
            long? currentRow = null;
            using var rows = items.Run(id);
            while (rows.Read())
            {
                var row = rows.Int64(0);
                if (row != currentRow)
                {
                    currentRow = row;
                    if (!seen.TryGetValue(row, out current))
                    {
                        // First row of an item (the join gives an item's fields one after another, but nothing here
                        // depends on it); an item of another category than the one asked for is remembered as null.
                        var itemCategory = rows.Word(2);
                        current = category is null || string.Equals(itemCategory, category, StringComparison.Ordinal)
                            ? new InformationItem { Id = rows.Guid(1), CaseId = id, Category = itemCategory, Supplier = rows.Word(3), Purpose = rows.Word(4), SuppliedAt = rows.Instant(5) }
                            : null;
                        seen.Add(row, current);
                        if (current is not null)
                        {
                            found.Add(current);
                        }
                    }
                }

                if (current is not null && !rows.IsNull(6))
                {
                    current.Fields.Add(new InformationField { ItemId = current.Id, Name = rows.Word(6), Ciphertext = rows.Blob(7) });
                }
            }

            return found;
        }

        /// <summary>The case's current key (<paramref name="id"/> is the case's) or the key with that id.</summary>
        public DataKeyRecord? DataKey(Guid id, bool current)
        {
            using var row = (current ? currentDataKey : dataKey).Run(id);
            if (!row.Read())
            {
                return null;
            }

            var other = row.Guid(0);
            return new DataKeyRecord
            {
                Id = current ? other : id,
                CaseId = current ? id : other,
                Version = row.Int32(1),
                KekId = row.Text(2),
                Wrapped = row.Blob(3),
                CreatedAt = row.Instant(4),
                DestroyedAt = row.OptionalInstant(5),
            };
        }

        /// <summary>Finalizes the statements and closes the connection.</summary>
        public void Dispose() => connection.Dispose();

        private static void Once(DirectStatement statement)
        {
            using var rows = statement.Run();
            while (rows.Read())
            {
            }
        }
    }
}
