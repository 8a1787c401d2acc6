using System.Text.Json;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>
/// The request path's reads: on SQLite they run as hand-written prepared statements (<see cref="SqliteCaseReads"/>),
/// elsewhere as EF Core's compiled queries. Both must find the same rows with the same values, see every commit made
/// before they start, and search by index, never scan a table: a scan grows with every case in the house, and one
/// did (issue 16's 1,000-case data set took the information request from 1,900 to 59 requests/s).
/// </summary>
public sealed class CaseReadTests : GatewayTest
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task EveryReadOfTheRequestPath_SearchesByIndex()
    {
        _ = Client;
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ExchangeDbContext>();
        var id = Guid.NewGuid();
        IQueryable<object>[] reads =
        [
            CaseReads.CaseByIdQuery.Compile()(db, id),
            CaseReads.ParticipantsQuery.Compile()(db, id),
            CaseReads.OpenConsentsQuery.Compile()(db, id, "process-direction"),
            CaseReads.ItemsQuery.Compile()(db, id),
            CaseReads.FieldsQuery.Compile()(db, id),
        ];
        string[] statements =
        [
            .. reads.Select(r => string.Join('\n', r.ToQueryString().Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)))),
            SqliteCaseReads.CaseSql,
            SqliteCaseReads.ParticipantsSql,
            SqliteCaseReads.OpenConsentsSql,
            SqliteCaseReads.ItemsWithFieldsSql,
            SqliteCaseReads.CurrentDataKeySql,
            SqliteCaseReads.DataKeySql,
        ];

        foreach (var statement in statements)
        {
            var plan = await PlanAsync(db, statement);

            Assert.NotEmpty(plan);
            Assert.All(plan, step => Assert.False(step.StartsWith("SCAN", StringComparison.Ordinal), $"{step} in the plan of:\n{statement}"));
        }
    }

    [Fact]
    public async Task TheDirectReads_FindWhatEfCoreFinds()
    {
        _ = Client;
        await using var scope = Factory.Services.CreateAsyncScope();
        var (db, direct, id, other) = await SeededAsync(scope);
        Assert.False(direct.UseContext(db));
        using var throughEf = new CaseReads(null);
        Assert.True(throughEf.UseContext(db));
        var cancel = TestContext.Current.CancellationToken;

        foreach (var caseId in (Guid[])[id, other, Guid.NewGuid()])
        {
            Assert.Equal(Json(await throughEf.CaseWithParticipantsAsync(db, caseId, cancel)), Json(await direct.CaseWithParticipantsAsync(db, caseId, cancel)));
            Assert.Equal(Json(await throughEf.CurrentDataKeyAsync(db, caseId, cancel)), Json(await direct.CurrentDataKeyAsync(db, caseId, cancel)));
            foreach (var purpose in (string[])["process-direction", "signal-assessment", "none"])
            {
                Assert.Equal(Json(await throughEf.OpenConsentsAsync(db, caseId, purpose, cancel)), Json(await direct.OpenConsentsAsync(db, caseId, purpose, cancel)));
            }

            foreach (var category in (string?[])[null, "identity", "health-care", "probation"])
            {
                Assert.Equal(Json(await throughEf.ItemsWithFieldsAsync(db, caseId, category, cancel)), Json(await direct.ItemsWithFieldsAsync(db, caseId, category, cancel)));
            }
        }

        foreach (var key in (Guid[])[.. db.DataKeys.Select(k => k.Id), Guid.NewGuid()])
        {
            Assert.Equal(Json(await throughEf.DataKeyAsync(db, key, cancel)), Json(await direct.DataKeyAsync(db, key, cancel)));
        }

        // The comparison compares something: the seeded case as the direct reads see it.
        var read = (await direct.CaseWithParticipantsAsync(db, id, cancel))!;
        Assert.Equal(["avz", "gem-groningen", "lentis"], read.Participants.Select(p => p.Party).Order(StringComparer.Ordinal));
        Assert.Equal(CaseStatus.Consultation, read.Status);
        Assert.Null(read.ReasonCiphertext);
        Assert.Equal(2, (await direct.OpenConsentsAsync(db, id, "process-direction", cancel)).Count);
        var items = await direct.ItemsWithFieldsAsync(db, id, null, cancel);
        Assert.Equal([0, 2, 3, 3], items.Select(i => i.Fields.Count).Order());
        Assert.Equal(2, (await direct.ItemsWithFieldsAsync(db, id, "identity", cancel)).Count);
        Assert.Equal(3, (await direct.CurrentDataKeyAsync(db, id, cancel))!.Version);
        Assert.NotNull((await direct.CurrentDataKeyAsync(db, other, cancel))!.DestroyedAt);
    }

    [Fact]
    public async Task TheDirectReads_SeeEveryCommitMadeBeforeThem()
    {
        _ = Client;
        await using var scope = Factory.Services.CreateAsyncScope();
        var (db, direct, id, _) = await SeededAsync(scope);
        var cancel = TestContext.Current.CancellationToken;
        Assert.Equal(3, (await direct.CaseWithParticipantsAsync(db, id, cancel))!.Participants.Count);
        Assert.Equal(4, (await direct.ItemsWithFieldsAsync(db, id, null, cancel)).Count);

        // Committed by another connection after the sessions were made and used: the next reads see it.
        AddPartyAndItem(db, id);
        await db.SaveChangesAsync(cancel);

        Assert.Equal(4, (await direct.CaseWithParticipantsAsync(db, id, cancel))!.Participants.Count);
        Assert.Equal(5, (await direct.ItemsWithFieldsAsync(db, id, null, cancel)).Count);

        // Inside a transaction the context's own uncommitted change is seen: the reads go through EF Core there.
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        Assert.True(direct.UseContext(db));
        db.Participants.Add(new CaseParticipant { CaseId = id, Party = "lentis-2", AdmittedAt = DateTimeOffset.UtcNow, AdmittedBy = "avz" });
        await db.SaveChangesAsync(cancel);
        Assert.Equal(5, (await direct.CaseWithParticipantsAsync(db, id, cancel))!.Participants.Count);
    }

    [Fact]
    public async Task AReadScope_ReadsOneSnapshot_AndEndsItWhenDisposed()
    {
        _ = Client;
        await using var scope = Factory.Services.CreateAsyncScope();
        var (db, direct, id, _) = await SeededAsync(scope);
        var cancel = TestContext.Current.CancellationToken;

        // Through EF Core the scope holds the context's connection open, and finds what the direct scope finds.
        using var throughEf = new CaseReads(null);
        string efView;
        using (var efScope = await CaseReadScope.BeginAsync(throughEf, scope.ServiceProvider.GetRequiredService<ContextLease>(), cancel))
        {
            Assert.Equal(System.Data.ConnectionState.Open, db.Database.GetDbConnection().State);
            efView = Json(new object?[] { await efScope.CaseWithParticipantsAsync(id, cancel), await efScope.OpenConsentsAsync(id, "process-direction", cancel), await efScope.ItemsWithFieldsAsync(id, null, cancel) });
        }

        Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State);

        var reads = await CaseReadScope.BeginAsync(direct, scope.ServiceProvider.GetRequiredService<ContextLease>(), cancel);
        try
        {
            var record = await reads.CaseWithParticipantsAsync(id, cancel);
            Assert.Equal(3, record!.Participants.Count);

            // Committed by another connection after the scope's first read: the scope's later reads do not see it.
            AddPartyAndItem(db, id);
            db.Consents.Add(Consent(id, "process-direction", DateTimeOffset.UtcNow, withdrawn: null));
            await db.SaveChangesAsync(cancel);
            db.ChangeTracker.Clear();

            var consents = await reads.OpenConsentsAsync(id, "process-direction", cancel);
            var items = await reads.ItemsWithFieldsAsync(id, null, cancel);
            Assert.Equal(efView, Json(new object?[] { record, consents, items }));
            Assert.Equal(3, (await reads.CaseWithParticipantsAsync(id, cancel))!.Participants.Count);

            // While the scope reads, the WAL cannot be checkpointed past the snapshot it holds.
            var (log, checkpointed) = await CheckpointAsync(db);
            Assert.True(checkpointed < log, $"checkpointed {checkpointed} of {log} frames while a snapshot was held");
        }
        finally
        {
            reads.Dispose();
        }

        // Disposed: the read transaction ended (the whole WAL checkpoints), and the next reads see the commit.
        var (after, done) = await CheckpointAsync(db);
        Assert.Equal(after, done);
        Assert.Equal(4, (await direct.CaseWithParticipantsAsync(db, id, cancel))!.Participants.Count);
        Assert.Equal(5, (await direct.ItemsWithFieldsAsync(db, id, null, cancel)).Count);
        Assert.Equal(3, (await direct.OpenConsentsAsync(db, id, "process-direction", cancel)).Count);

        // A disposed scope refuses to read rather than read outside its snapshot.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => reads.CaseWithParticipantsAsync(id, cancel));
    }

    [Fact]
    public async Task AnInformationRequestOnSqlite_LeasesNoContext_UnlessItMustReadAKey()
    {
        var cancel = TestContext.Current.CancellationToken;
        var gemeente = await PartnerSystem.RegisterAsync(Factory, Client, "gem-groningen", "casemanager-12", "casemanager");
        var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), System.Net.HttpStatusCode.Created);
        var id = Guid.Parse(registered.GetProperty("id").GetString()!);
        await gemeente.JsonAsync(await gemeente.PostAsync($"/v1/cases/{id}/information", new Dictionary<string, object> { ["category"] = "identity", ["fields"] = new Dictionary<string, object> { ["surname"] = "Zwartveld" } }), System.Net.HttpStatusCode.Created);
        var caller = new Caller(gemeente.Party, "app-" + gemeente.Party, gemeente.Actor, "casemanager", null, null, null);

        // The case's key is cached since the supply: the request reads directly and needs no context.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var lease = scope.ServiceProvider.GetRequiredService<ContextLease>();
            var result = await scope.ServiceProvider.GetRequiredService<ICaseExchange>().RequestAsync(caller, id, null, null, cancel);
            Assert.Null(result.Error);
            Assert.Contains(result.Value!.Items, i => Equals(i.Fields.GetValueOrDefault("surname"), "Zwartveld"));
            Assert.Null(lease.Leased);
        }

        // With the key no longer cached, the request leases the scope's context to read it, and still answers.
        Factory.Services.GetRequiredService<Avz.Exchange.Encryption.DataKeyCache>().Clear();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var lease = scope.ServiceProvider.GetRequiredService<ContextLease>();
            var result = await scope.ServiceProvider.GetRequiredService<ICaseExchange>().RequestAsync(caller, id, null, null, cancel);
            Assert.Null(result.Error);
            Assert.Contains(result.Value!.Items, i => Equals(i.Fields.GetValueOrDefault("surname"), "Zwartveld"));
            Assert.Same(scope.ServiceProvider.GetRequiredService<ExchangeDbContext>(), lease.Leased);
        }
    }

    /// <summary>A passive checkpoint on a connection of its own: the WAL's frames, and how many of them it could copy back.</summary>
    private static async Task<(long Log, long Checkpointed)> CheckpointAsync(ExchangeDbContext db)
    {
        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        return (reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>The scope's context and reads, with the two cases of <see cref="SeedAsync"/> stored.</summary>
    private static async Task<(ExchangeDbContext Db, CaseReads Direct, Guid Id, Guid Other)> SeededAsync(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<ExchangeDbContext>();
        var (id, other) = (Guid.NewGuid(), Guid.NewGuid());
        await SeedAsync(db, id, other);
        return (db, scope.ServiceProvider.GetRequiredService<CaseReads>(), id, other);
    }

    /// <summary>A fourth participant and a fifth item for the case, for a test to commit after a read.</summary>
    private static void AddPartyAndItem(ExchangeDbContext db, Guid id)
    {
        db.Participants.Add(new CaseParticipant { CaseId = id, Party = "politie", AdmittedAt = DateTimeOffset.UtcNow, AdmittedBy = "avz" });
        db.Items.Add(new InformationItem { Id = Guid.NewGuid(), CaseId = id, Category = "probation", Supplier = "reclassering-nederland", Purpose = "process-direction", SuppliedAt = DateTimeOffset.UtcNow });
    }

    /// <summary>Two cases with every column filled or empty somewhere: participants, consents (open, withdrawn, other purpose), items (one without fields), data keys.</summary>
    private static async Task SeedAsync(ExchangeDbContext db, Guid id, Guid other)
    {
        var at = new DateTimeOffset(2026, 11, 3, 9, 15, 0, TimeSpan.Zero);
        db.Cases.Add(Case(id, CaseStatus.Consultation, municipality: "0014", retention: at.AddYears(5), shredded: null, reason: null));
        db.Cases.Add(Case(other, CaseStatus.Closed, municipality: null, retention: null, shredded: at.AddDays(3), reason: [9, 9, 9]));
        foreach (var (caseId, party) in (ReadOnlySpan<(Guid, string)>)[(id, "avz"), (id, "gem-groningen"), (id, "lentis"), (other, "avz")])
        {
            db.Participants.Add(new CaseParticipant { CaseId = caseId, Party = party, AdmittedAt = at.AddMinutes(party.Length), AdmittedBy = "avz" });
        }

        db.Consents.Add(Consent(id, "process-direction", at, withdrawn: null));
        db.Consents.Add(Consent(id, "process-direction", at.AddDays(1), withdrawn: null));
        db.Consents.Add(Consent(id, "process-direction", at.AddDays(2), withdrawn: at.AddDays(4)));
        db.Consents.Add(Consent(id, "signal-assessment", at.AddDays(2), withdrawn: null));
        db.Consents.Add(Consent(other, "process-direction", at, withdrawn: null));
        db.Items.Add(Item(id, "identity", "gem-groningen", at, "given-names", "surname", "gender"));
        db.Items.Add(Item(id, "identity", "gem-groningen", at.AddHours(1), "given-names", "surname"));
        db.Items.Add(Item(id, "health-care", "lentis", at.AddHours(2), "diagnosis", "crisis-plan", "care-provider"));
        db.Items.Add(Item(id, "police-registrations", "politie", at.AddHours(3)));
        db.Items.Add(Item(other, "identity", "gem-groningen", at, "surname"));
        foreach (var (caseId, version) in (ReadOnlySpan<(Guid, int)>)[(id, 1), (id, 3), (id, 2), (other, 1)])
        {
            db.DataKeys.Add(new DataKeyRecord
            {
                Id = Guid.NewGuid(),
                CaseId = caseId,
                Version = version,
                KekId = "local:" + version,
                Wrapped = [(byte)version, 42],
                CreatedAt = at.AddDays(version),
                DestroyedAt = caseId == other ? at.AddDays(9) : null,
            });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        db.ChangeTracker.Clear();
    }

    private static CaseRecord Case(Guid id, CaseStatus status, string? municipality, DateTimeOffset? retention, DateTimeOffset? shredded, byte[]? reason) => new()
    {
        Id = id,
        Convenant = "avz-groningen",
        Purpose = "process-direction",
        Status = status,
        DirectionHolder = "gem-groningen",
        RegisteredBy = "gem-groningen",
        Municipality = municipality,
        RegisteredAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero),
        SubjectIndex = [.. id.ToByteArray(), .. id.ToByteArray()],
        SubjectPseudonym = "pseudonym-" + id.ToString("N")[..8],
        SubjectCiphertext = [1, 2, 3, 4],
        ReasonCiphertext = reason,
        RetentionUntil = retention,
        ShreddedAt = shredded,
    };

    private static ConsentRecord Consent(Guid caseId, string purpose, DateTimeOffset at, DateTimeOffset? withdrawn) => new()
    {
        Id = Guid.NewGuid(),
        CaseId = caseId,
        Purpose = purpose,
        Categories = "health-care",
        Recipients = "gem-groningen,reclassering-nederland",
        EvidenceCiphertext = [7, 7, (byte)at.Day],
        RecordedAt = at,
        RecordedBy = "avz",
        ValidUntil = at.AddYears(1),
        WithdrawnAt = withdrawn,
        WithdrawnBy = withdrawn is null ? null : "avz",
    };

    private static InformationItem Item(Guid caseId, string category, string supplier, DateTimeOffset at, params string[] fields)
    {
        var item = new InformationItem { Id = Guid.NewGuid(), CaseId = caseId, Category = category, Supplier = supplier, Purpose = "process-direction", SuppliedAt = at };
        item.Fields.AddRange(fields.Select((f, n) => new InformationField { ItemId = item.Id, Name = f, Ciphertext = [(byte)n, .. System.Text.Encoding.UTF8.GetBytes(f)] }));
        return item;
    }

    /// <summary>The rows as JSON, sorted by their keys first (neither read promises an order).</summary>
    private static string Json(object? read)
    {
        switch (read)
        {
            case CaseRecord c:
                c.Participants.Sort((a, b) => string.CompareOrdinal(a.Party, b.Party));
                break;
            case List<ConsentRecord> consents:
                consents.Sort((a, b) => a.Id.CompareTo(b.Id));
                break;
            case List<InformationItem> items:
                items.Sort((a, b) => a.Id.CompareTo(b.Id));
                items.ForEach(i => i.Fields.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name)));
                break;
        }

        return JsonSerializer.Serialize(read, Indented);
    }

    private static async Task<List<string>> PlanAsync(ExchangeDbContext db, string statement)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + statement;
            foreach (var name in System.Text.RegularExpressions.Regex.Matches(statement, "@[A-Za-z_0-9]+").Select(m => m.Value).Distinct())
            {
                command.Parameters.AddWithValue(name, "x");
            }

            var steps = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                steps.Add(reader.GetString(3));
            }

            return steps;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
