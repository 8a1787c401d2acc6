using System.Net;
using System.Text.Json;
using Avz.Audit;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Avz.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>
/// On SQLite a supplied item goes in by prepared inserts on a connection of its own (<c>SqliteItemWrites</c>), not
/// through EF Core. It must keep what the EF Core save gave: the item and all its fields or nothing, a failure answered
/// and followed by a not-stored entry, and the next supply stored again.
/// </summary>
public sealed class SupplyStoreTests
{
    private static readonly Dictionary<string, object> Identity = new() { ["given-names"] = "Jantje Pieter", ["surname"] = "Zwartveld", ["date-of-birth"] = "1988-04-12", ["gender"] = "man" };

    [Fact]
    public async Task ASupplyWhoseInsertFails_StoresNoPartOfIt_IsAnsweredAsAFailure_AndLeavesANotStoredEntry()
    {
        await using var database = CaseDatabase.Start("Sqlite", postgres: null!);
        var gemeente = await PartnerSystem.RegisterAsync(database.Factory, database.Client, "gem-groningen", "casemanager-12", "casemanager");
        var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen over overlast" }), HttpStatusCode.Created);
        var path = "/v1/cases/" + registered.GetProperty("id").GetString();
        var log = database.Factory.Services.GetRequiredService<AccessLog>();

        // A supply before the failure: stored through the direct inserts, item and four fields.
        var first = await gemeente.JsonAsync(await gemeente.PostAsync(path + "/information", new { category = "identity", fields = Identity }), HttpStatusCode.Created);
        var before = database.Counts();

        // The fourth field's insert fails, after the item's and three fields' rows are written in the transaction.
        using (var connection = database.Open())
        {
            CaseDatabase.Execute(connection, "CREATE TRIGGER refuse_gender BEFORE INSERT ON information_fields WHEN NEW.\"Name\" = 'gender' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
        }

        var failed = await gemeente.PostAsync(path + "/information", new { category = "identity", fields = Identity });

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, database.Counts());
        var supply = Entry(log, log.Size - 2);
        var notStored = Entry(log, log.Size - 1);
        Assert.Equal(("information.supply", "permitted"), (supply.GetProperty("action").GetString(), supply.GetProperty("decision").GetString()));
        Assert.Equal(("information.supply", "error", "not-stored", log.Size - 2), (notStored.GetProperty("action").GetString(), notStored.GetProperty("decision").GetString(), notStored.GetProperty("reasons")[0].GetString(), notStored.GetProperty("refersTo").GetInt64()));
        Assert.Equal(supply.GetProperty("items")[0].GetString(), notStored.GetProperty("items")[0].GetString());

        // With the trigger gone, the next supply is stored (the failed connection was replaced) and read back whole.
        using (var connection = database.Open())
        {
            CaseDatabase.Execute(connection, "DROP TRIGGER refuse_gender;");
        }

        var second = await gemeente.JsonAsync(await gemeente.PostAsync(path + "/information", new { category = "identity", fields = Identity }), HttpStatusCode.Created);
        Assert.Equal(before["information_items"] + 1, database.Counts()["information_items"]);
        Assert.Equal(before["information_fields"] + 4, database.Counts()["information_fields"]);
        var view = await gemeente.JsonAsync(await gemeente.GetAsync(path + "/information"), HttpStatusCode.OK);
        var items = view.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([first.GetProperty("id").GetString(), second.GetProperty("id").GetString()], items.Select(i => i.GetProperty("id").GetString()));
        Assert.All(items, i => Assert.Equal("Zwartveld", i.GetProperty("fields").GetProperty("surname").GetString()));
    }

    [Fact]
    public async Task ItemsQueuedWhileTheGateIsHeld_GoInOneCommit_AndAFailingItemFailsAlone()
    {
        await using var database = CaseDatabase.Start("Sqlite", postgres: null!);
        var (caseId, connectionString) = await RegisteredCaseAsync(database);
        using (var connection = database.Open())
        {
            CaseDatabase.Execute(connection, "CREATE TRIGGER refuse_gender BEFORE INSERT ON information_fields WHEN NEW.\"Name\" = 'gender' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
        }

        var before = database.Counts();
        using var gate = new WriteGate();
        using var writes = new SqliteItemWrites(connectionString, gate);
        var items = Enumerable.Range(0, 6).Select(i => Item(caseId, i, refused: i is 2 or 4)).ToList();
        List<Task> inserts;
        using (await gate.EnterSqliteAsync())
        {
            // Six suppliers wait for the gate while another write holds it.
            inserts = [.. items.Select(writes.InsertAsync)];
            await Task.Delay(50, TestContext.Current.CancellationToken);
            Assert.All(inserts, t => Assert.False(t.IsCompleted));
        }

        await Task.WhenAll(inserts).ContinueWith(_ => { }, TestContext.Current.CancellationToken);

        Assert.Equal([false, false, true, false, true, false], inserts.Select(t => t.IsFaulted));
        Assert.All(inserts.Where(t => t.IsFaulted), t => Assert.Contains("refused by the test", Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(t.Exception!.InnerException).Message, StringComparison.Ordinal));
        Assert.Equal((1L, 4L), writes.Committed);
        Assert.Equal(before["information_items"] + 4, database.Counts()["information_items"]);
        Assert.Equal(before["information_fields"] + 8, database.Counts()["information_fields"]);
        using (var connection = database.Open())
        {
            var stored = CaseDatabase.Rows(connection, "SELECT \"Id\", (SELECT count(*) FROM information_fields f WHERE f.\"ItemId\" = i.\"Id\") FROM information_items i WHERE \"Category\" = 'batch-test'")
                .Select(r => ((string)r[0], (long)r[1])).ToHashSet();
            Assert.Equal(items.Where((_, i) => i is not (2 or 4)).Select(i => (i.Id.ToString("D").ToUpperInvariant(), 2L)).ToHashSet(), stored);
        }
    }

    [Fact]
    public async Task AFailureOutsideAnItemsSavepoint_FailsEveryItemOfItsCommit_AndTheNextCommitStores()
    {
        await using var database = CaseDatabase.Start("Sqlite", postgres: null!);
        var (caseId, connectionString) = await RegisteredCaseAsync(database);

        var before = database.Counts();
        using var gate = new WriteGate();
        using var writes = new SqliteItemWrites(connectionString, gate);

        // The middle item has no category: Microsoft.Data.Sqlite refuses the unset value (not an SQLite error), which
        // the item's savepoint does not catch, so the transaction ends without a commit.
        var items = Enumerable.Range(0, 3).Select(i => Item(caseId, i, refused: false)).ToList();
        items[1].Category = null!;
        List<Task> inserts;
        using (await gate.EnterSqliteAsync())
        {
            inserts = [.. items.Select(writes.InsertAsync)];
        }

        await Task.WhenAll(inserts).ContinueWith(_ => { }, TestContext.Current.CancellationToken);

        Assert.All(inserts, t => Assert.IsType<Microsoft.Data.Sqlite.SqliteException>(t.Exception?.InnerException));
        Assert.Equal((0L, 0L), writes.Committed);
        Assert.Equal(before, database.Counts());

        await writes.InsertAsync(Item(caseId, 3, refused: false));
        Assert.Equal((1L, 1L), writes.Committed);
        Assert.Equal(before["information_items"] + 1, database.Counts()["information_items"]);
    }

    /// <summary>A case registered through the API, and the database's connection string for writes beside the gateway's.</summary>
    private static async Task<(Guid CaseId, string ConnectionString)> RegisteredCaseAsync(CaseDatabase database)
    {
        var gemeente = await PartnerSystem.RegisterAsync(database.Factory, database.Client, "gem-groningen", "casemanager-12", "casemanager");
        var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen over overlast" }), HttpStatusCode.Created);
        using var connection = database.Open();
        return (Guid.Parse(registered.GetProperty("id").GetString()!), connection.ConnectionString);
    }

    private static InformationItem Item(Guid caseId, int n, bool refused)
    {
        var item = new InformationItem { Id = Guid.NewGuid(), CaseId = caseId, Category = "batch-test", Supplier = "gem-groningen", Purpose = "process-direction", SuppliedAt = DateTimeOffset.UnixEpoch.AddDays(n) };
        item.Fields.Add(new InformationField { ItemId = item.Id, Name = "surname", Ciphertext = [1, 2, 3] });
        item.Fields.Add(new InformationField { ItemId = item.Id, Name = refused ? "gender" : "given-names", Ciphertext = [4, 5, 6] });
        return item;
    }

    private static JsonElement Entry(AccessLog log, long index) => JsonDocument.Parse(log.ReadLeaf(index)!).RootElement.Clone();
}
