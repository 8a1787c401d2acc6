using System.Net;
using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Verification;
using Avz.Exchange.Cases;
using Avz.Exchange.Encryption;
using Avz.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>Field encryption at work, on SQLite and on a real PostgreSQL: moved ciphertexts, KEK rotation, crypto-shredding at the end of retention.</summary>
[Collection(PostgresTests.Name)]
public sealed class CaseKeyTests(PostgresServer postgres)
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task CiphertextCopiedIntoAnotherFieldOrCase_FailsToDecrypt_WithACodedErrorAndNoValue(string provider)
    {
        await using var gateway = CaseDatabase.Start(provider, postgres);
        var gemeente = await PartnerSystem.RegisterAsync(gateway.Factory, gateway.Client, "gem-groningen", "casemanager-12", "casemanager");
        var first = await NewCaseWithIdentity(gemeente, "111222333", "Zwartveld");
        var second = await NewCaseWithIdentity(gemeente, "123456782", "Witteveen");

        using (var db = gateway.Open())
        {
            // The surname of the second case, pasted over the surname of the first.
            var moved = CaseDatabase.Execute(
                db,
                "UPDATE information_fields SET \"Ciphertext\" = (SELECT f.\"Ciphertext\" FROM information_fields f JOIN information_items i ON i.\"Id\" = f.\"ItemId\" WHERE i.\"CaseId\" = @b AND f.\"Name\" = 'surname') " +
                "WHERE \"Name\" = 'surname' AND \"ItemId\" = (SELECT \"Id\" FROM information_items WHERE \"CaseId\" = @a)",
                ("@a", gateway.Id(first)),
                ("@b", gateway.Id(second)));
            Assert.Equal(1, moved);

            // Within one item: the given names' ciphertext in the surname field of the second case.
            Assert.Equal(1, CaseDatabase.Execute(
                db,
                "UPDATE information_fields SET \"Ciphertext\" = (SELECT \"Ciphertext\" FROM information_fields WHERE \"Name\" = 'given-names' AND \"ItemId\" = (SELECT \"Id\" FROM information_items WHERE \"CaseId\" = @b)) " +
                "WHERE \"Name\" = 'surname' AND \"ItemId\" = (SELECT \"Id\" FROM information_items WHERE \"CaseId\" = @b)",
                ("@b", gateway.Id(second))));
        }

        foreach (var id in (string[])[first, second])
        {
            var response = await gemeente.GetAsync($"/v1/cases/{id}/information");
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("AVZ-CRYPTO-0001", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
            Assert.DoesNotContain("Zwartveld", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Witteveen", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Rotation_RewrapsEveryDataKey_WithoutTouchingACiphertext_AndEveryValueStaysReadable(string provider)
    {
        await using var gateway = CaseDatabase.Start(provider, postgres);
        var gemeente = await PartnerSystem.RegisterAsync(gateway.Factory, gateway.Client, "gem-groningen", "casemanager-12", "casemanager");
        var cases = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            cases.Add(await NewCaseWithIdentity(gemeente, "111222333", "Zwartveld-" + i));
        }

        var before = Ciphertexts(gateway);
        var kek = (LocalKeyEncryptionKey)gateway.Factory.Services.GetRequiredService<IKeyEncryptionKey>();
        var old = kek.CurrentId;
        var current = await kek.RotateAsync(TestContext.Current.CancellationToken);
        await using (var scope = gateway.Factory.Services.CreateAsyncScope())
        {
            var progress = new List<(int, int)>();
            var rewrapped = await scope.ServiceProvider.GetRequiredService<KeyRotation>().RewrapAsync(new SynchronousProgress(progress), TestContext.Current.CancellationToken);
            Assert.Equal(cases.Count + 1, rewrapped);
            Assert.Equal((cases.Count + 1, cases.Count + 1), progress[^1]);
        }

        // The old KEK is gone for good, and no key is served from memory: values must unwrap under the new one.
        Assert.Equal(1, kek.Retire());
        gateway.Factory.Services.GetRequiredService<DataKeyCache>().Clear();
        Assert.Equal(before, Ciphertexts(gateway));
        using (var db = gateway.Open())
        {
            Assert.Equal([current], CaseDatabase.Rows(db, "SELECT DISTINCT \"KekId\" FROM data_keys").Select(r => (string)r[0]));
        }

        Assert.NotEqual(old, current);
        for (var i = 0; i < cases.Count; i++)
        {
            var seen = await gemeente.JsonAsync(await gemeente.GetAsync($"/v1/cases/{cases[i]}/information"), HttpStatusCode.OK);
            Assert.Equal("Zwartveld-" + i, seen.GetProperty("items")[0].GetProperty("fields").GetProperty("surname").GetString());
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Shredding_AtTheEndOfRetention_MakesTheCaseUnreadable_AndItsLogEntriesStillVerify(string provider)
    {
        await using var gateway = CaseDatabase.Start(provider, postgres);
        var gemeente = await PartnerSystem.RegisterAsync(gateway.Factory, gateway.Client, "gem-groningen", "casemanager-12", "casemanager");
        var house = await PartnerSystem.RegisterAsync(gateway.Factory, gateway.Client, "avz", "procesregisseur-3", "procesregisseur");
        var id = await NewCaseWithIdentity(gemeente, "111222333", "Zwartveld");
        var officer = await PartnerSystem.PrivacyOfficerAsync(gateway.Factory, gateway.Client, "avz", "fg-1");
        var emergency = await gemeente.JsonAsync(await gemeente.PostAsync($"/v1/cases/{id}/information/emergency", new { justification = "Acute dreiging, gegevens nu nodig voor de crisisdienst" }), HttpStatusCode.OK);

        // The answer says what the call was, even when the override released nothing beyond the normal grants.
        Assert.True(emergency.GetProperty("emergency").GetBoolean());
        var emergencyIndex = gemeente.Logged[^1].Index;
        await officer.JsonAsync(await officer.GetAsync($"/v1/audit/entries/{emergencyIndex}/justification"), HttpStatusCode.OK);
        foreach (var status in (string[])["triage", "consultation", "closed"])
        {
            await house.JsonAsync(await house.PutAsync($"/v1/cases/{id}/status", new { status }), HttpStatusCode.OK);
        }

        var closed = await gemeente.JsonAsync(await gemeente.GetAsync($"/v1/cases/{id}"), HttpStatusCode.OK);
        var deadline = closed.GetProperty("retentionUntil").GetDateTimeOffset();
        Assert.InRange(deadline, DateTimeOffset.UtcNow.AddYears(2).AddDays(-1), DateTimeOffset.UtcNow.AddYears(2).AddDays(1));

        byte[] ciphertext;
        using (var db = gateway.Open())
        {
            ciphertext = (byte[])CaseDatabase.Scalar(db, "SELECT \"Ciphertext\" FROM information_fields WHERE \"Name\" = 'surname'")!;

            // Two years pass.
            Assert.Equal(1, CaseDatabase.Execute(db, "UPDATE cases SET \"RetentionUntil\" = @past", ("@past", gateway.LongAgo)));
        }

        await using (var scope = gateway.Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunOnceAsync(TestContext.Current.CancellationToken));
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunOnceAsync(TestContext.Current.CancellationToken));
        }

        await PartnerSystem.AssertProblemAsync(await gemeente.GetAsync($"/v1/cases/{id}"), HttpStatusCode.Gone, "AVZ-CASE-0010");
        await PartnerSystem.AssertProblemAsync(await gemeente.GetAsync($"/v1/cases/{id}/information"), HttpStatusCode.Gone, "AVZ-CASE-0010");
        var search = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases/search", new { subject = "111222333" }), HttpStatusCode.OK);
        Assert.Empty(search.GetProperty("cases").EnumerateArray());
        using (var db = gateway.Open())
        {
            Assert.Equal(0L, Convert.ToInt64(CaseDatabase.Scalar(db, "SELECT COUNT(*) FROM information_items"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0L, Convert.ToInt64(CaseDatabase.Scalar(db, "SELECT COUNT(*) FROM justifications"), System.Globalization.CultureInfo.InvariantCulture));
            Assert.All(CaseDatabase.Rows(db, "SELECT \"Wrapped\", \"DestroyedAt\" FROM data_keys"), r => Assert.Empty((byte[])r[0]));
            Assert.Equal(1L, Convert.ToInt64(CaseDatabase.Scalar(db, "SELECT COUNT(*) FROM cases WHERE \"SubjectCiphertext\" IS NULL AND \"ShreddedAt\" IS NOT NULL"), System.Globalization.CultureInfo.InvariantCulture));
        }

        // A copy of the ciphertext kept elsewhere (a backup) no longer decrypts: its key is destroyed.
        await using (var scope = gateway.Factory.Services.CreateAsyncScope())
        {
            var keys = scope.ServiceProvider.GetRequiredService<CaseKeys>();
            var place = new FieldPlace(Guid.Parse(id), "?", "surname");
            var db = scope.ServiceProvider.GetRequiredService<Avz.Exchange.Data.ExchangeDbContext>();
            var error = await Assert.ThrowsAsync<FieldDecryptionException>(() => keys.DecryptAsync(db, place, ciphertext, TestContext.Current.CancellationToken).AsTask());
            Assert.Contains("crypto-shredded", error.Message, StringComparison.Ordinal);
        }

        // The justification went with the case; its entry keeps a commitment that now reveals nothing.
        await PartnerSystem.AssertProblemAsync(await officer.GetAsync($"/v1/audit/entries/{emergencyIndex}/justification"), HttpStatusCode.Gone, "AVZ-AUDIT-0008");

        var log = gateway.Factory.Services.GetRequiredService<AccessLog>();
        await log.CheckpointAsync();
        var shred = Enumerable.Range(0, (int)log.Size).Select(i => JsonDocument.Parse(log.ReadLeaf(i)!).RootElement)
            .Single(e => e.GetProperty("action").GetString() == "retention.shred");
        Assert.Equal(id, shred.GetProperty("case").GetString());
        foreach (var (index, _) in gemeente.Logged)
        {
            Assert.NotNull(log.ReadLeaf(index));
        }

        using var store = new SqliteAuditStore(Path.Combine(gateway.Factory.DataDirectory, "audit.db"));
        Assert.True(LogVerifier.Verify(store, NoteVerifier.Parse(log.VerifierKey)).Succeeded);
    }

    private static async Task<string> NewCaseWithIdentity(PartnerSystem gemeente, string bsn, string surname)
    {
        var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = bsn, reason = "Zorgen" }), HttpStatusCode.Created);
        var id = registered.GetProperty("id").GetString()!;
        await gemeente.JsonAsync(await gemeente.PostAsync($"/v1/cases/{id}/information", new Dictionary<string, object> { ["category"] = "identity", ["fields"] = new Dictionary<string, object> { ["surname"] = surname, ["given-names"] = "Jantje" } }), HttpStatusCode.Created);
        return id;
    }

    private static List<string> Ciphertexts(CaseDatabase gateway)
    {
        using var db = gateway.Open();
        return [.. CaseDatabase.Rows(db, "SELECT \"ItemId\", \"Name\", \"Ciphertext\" FROM information_fields").Select(r => $"{r[0]}/{r[1]}/{Convert.ToHexString((byte[])r[2])}").Order(StringComparer.Ordinal)];
    }

    private sealed class SynchronousProgress(List<(int, int)> reports) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => reports.Add(value);
    }
}
