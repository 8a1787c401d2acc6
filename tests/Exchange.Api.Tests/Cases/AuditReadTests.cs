using System.Net;
using System.Text.Json;
using Avz.Audit.Merkle;
using Avz.Audit.Notes;
using Avz.Audit.Verification;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>
/// A partner checks, without trusting the gateway, that the entry of its call is in the log: it fetches the verifier
/// key, the entry, a signed checkpoint and the proof, and verifies them itself.
/// </summary>
public sealed class AuditReadTests : GatewayTest
{
    [Fact]
    public async Task Partner_ProvesItsOwnEntryIsInTheLog_WithTheVerifierKeyAlone()
    {
        var gemeente = await PartnerSystem.RegisterAsync(Factory, Client, "gem-groningen", "casemanager-12", "casemanager");
        var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), HttpStatusCode.Created);
        var index = gemeente.Logged.Single().Index;

        var key = NoteVerifier.Parse((await Client.GetStringAsync("/v1/audit/key", TestContext.Current.CancellationToken)).Trim());
        var leaf = await (await gemeente.GetAsync($"/v1/audit/entries/{index}")).Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using (var entry = JsonDocument.Parse(leaf))
        {
            Assert.Equal(registered.GetProperty("id").GetString(), entry.RootElement.GetProperty("case").GetString());
            Assert.Equal("case.register", entry.RootElement.GetProperty("action").GetString());
        }

        // The receipt endpoint bundles the same three things; both routes verify offline.
        var receipt = await gemeente.JsonAsync(await gemeente.GetAsync($"/v1/audit/entries/{index}/receipt"), HttpStatusCode.OK);
        var note = receipt.GetProperty("checkpoint").GetString()!;
        Assert.True(key.TryVerify(note, out var text));
        Assert.True(Checkpoint.TryParse(text, out var checkpoint));
        var proof = await gemeente.JsonAsync(await gemeente.GetAsync($"/v1/audit/proofs/inclusion?index={index}&treeSize={checkpoint!.Size}"), HttpStatusCode.OK);
        var hashes = proof.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
        Assert.True(MerkleVerifier.VerifyInclusion(index, checkpoint.Size, MerkleHash.Leaf(leaf), hashes, checkpoint.RootHash));
        Assert.True(LogVerifier.VerifyReceipt(leaf, index, hashes, note, key, out var problem), problem);

        // A changed byte of the entry no longer proves.
        leaf[10] ^= 0x20;
        Assert.False(MerkleVerifier.VerifyInclusion(index, checkpoint.Size, MerkleHash.Leaf(leaf), hashes, checkpoint.RootHash));
    }

    [Fact]
    public async Task Partner_ReadsOnlyTheEntriesOfItsOwnCalls_AndTheRefusalIsLogged()
    {
        var gemeente = await PartnerSystem.RegisterAsync(Factory, Client, "gem-groningen", "casemanager-12", "casemanager");
        var politie = await PartnerSystem.RegisterAsync(Factory, Client, "politie", "wijkagent-17", "wijkagent");
        await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), HttpStatusCode.Created);
        var index = gemeente.Logged.Single().Index;

        var refused = await politie.GetAsync($"/v1/audit/entries/{index}");
        var text = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("AVZ-AUDIT-0004", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        await AssertStatus(await politie.GetAsync($"/v1/audit/entries/{index}/receipt"), HttpStatusCode.Forbidden);
        await AssertStatus(await politie.GetAsync("/v1/audit/entries/999999"), HttpStatusCode.NotFound);

        // The refusal is itself an entry, which the police may read.
        var refusalIndex = politie.Logged[0].Index;
        var refusal = await politie.JsonAsync(await politie.GetAsync($"/v1/audit/entries/{refusalIndex}"), HttpStatusCode.OK);
        Assert.Equal("audit.read-entry", refusal.GetProperty("action").GetString());
        Assert.Equal("refused", refusal.GetProperty("decision").GetString());
        Assert.Equal(index, refusal.GetProperty("refersTo").GetInt64());
        Assert.Equal("not-own-entry", refusal.GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public async Task ProofsAndTiles_ArePublicAndConsistent_WhileEntryBundlesNeedTheAuditScope()
    {
        var gemeente = await PartnerSystem.RegisterAsync(Factory, Client, "gem-groningen", "casemanager-12", "casemanager");
        await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), HttpStatusCode.Created);
        var first = await SignedCheckpoint();
        await gemeente.PostAsync("/v1/cases/search", new { subject = "111222333" });
        await gemeente.PostAsync("/v1/cases/search", new { subject = "123456782" });
        var second = await SignedCheckpoint();
        Assert.True(second.Size > first.Size);

        var consistency = JsonDocument.Parse(await Client.GetStringAsync($"/v1/audit/proofs/consistency?from={first.Size}&to={second.Size}", TestContext.Current.CancellationToken)).RootElement;
        var hashes = consistency.GetProperty("hashes").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!)).ToList();
        Assert.True(MerkleVerifier.VerifyConsistency(first.Size, second.Size, hashes, first.RootHash, second.RootHash));

        // The level-0 tile of the signed tree holds one leaf hash per entry (C2SP tlog-tiles).
        var tile = await Client.GetAsync($"/v1/audit/tile/0/000.p/{second.Size}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.Equal(second.Size * 32, (await tile.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length);
        await AssertStatus(await Client.GetAsync("/v1/audit/tile/0/000", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        await AssertStatus(await Client.GetAsync($"/v1/audit/tile/entries/000.p/{second.Size}", TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);
        await AssertStatus(await gemeente.GetAsync($"/v1/audit/tile/entries/000.p/{second.Size}"), HttpStatusCode.Forbidden);
        await AssertStatus(await Client.GetAsync("/v1/audit/proofs/inclusion?index=5&treeSize=2", TestContext.Current.CancellationToken), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TilesOfAnOlderCheckpoint_StayServed_AfterTheLogGrewPastTwoNewerOnes()
    {
        // C2SP tlog-tiles: a log MUST serve the partial tiles of every tree size it signed a checkpoint for; a verifier
        // that fetched a checkpoint and then its tiles raced the log (issue 11).
        var log = (Avz.Audit.AccessLog)Factory.Services.GetService(typeof(Avz.Audit.AccessLog))!;
        var officer = await PartnerSystem.PrivacyOfficerAsync(Factory, Client, "avz", "fg-1");
        await Append(log, 300);
        var first = await SignedCheckpoint();
        await Append(log, 300);
        await SignedCheckpoint();
        await Append(log, 300);
        var third = await SignedCheckpoint();
        Assert.True(third.Size > first.Size + 512);

        // Every level-0 hash of the first tree, from its full tiles and its partial tile, reproduces its signed root.
        var hashes = new List<byte[]>();
        for (var index = 0L; index * 256 < first.Size; index++)
        {
            var width = (int)Math.Min(256, first.Size - (index * 256));
            var path = $"/v1/audit/tile/0/{index:000}" + (width < 256 ? $".p/{width}" : "");
            var tile = await Client.GetAsync(path, TestContext.Current.CancellationToken);
            await AssertStatus(tile, HttpStatusCode.OK);
            Assert.Contains("immutable", tile.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            hashes.AddRange((await tile.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Chunk(32));

            var bundle = await officer.GetAsync($"/v1/audit/tile/entries/{index:000}" + (width < 256 ? $".p/{width}" : ""));
            await AssertStatus(bundle, HttpStatusCode.OK);
        }

        Assert.Equal(first.Size, hashes.Count);
        Assert.Equal(first.RootHash, Root(hashes));

        // The level-1 partial tile of the first tree, and a percent-encoded separator, are served too.
        await AssertStatus(await Client.GetAsync($"/v1/audit/tile/1/000.p/{first.Size / 256}", TestContext.Current.CancellationToken), HttpStatusCode.OK);
        await AssertStatus(await Client.GetAsync($"/v1/audit/tile/0/001.p%2F{first.Size % 256}", TestContext.Current.CancellationToken), HttpStatusCode.OK);
        await AssertStatus(await Client.GetAsync($"/v1/audit/tile/0/{(third.Size / 256) + 1:000}", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APartnerTokenOnAPrivacyOfficersOperation_IsRefused_AndTheRefusalIsAnEntry()
    {
        // Separation of duties (issue 10, attack suite: scope escalation): refused, and logged with the operation.
        var gemeente = await PartnerSystem.RegisterAsync(Factory, Client, "gem-groningen", "casemanager-12", "casemanager");
        await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = "111222333", reason = "Zorgen" }), HttpStatusCode.Created);
        await SignedCheckpoint();
        var log = (Avz.Audit.AccessLog)Factory.Services.GetService(typeof(Avz.Audit.AccessLog))!;

        foreach (var (path, operation) in (ValueTuple<string, string>[])[("/v1/audit/tile/entries/000.p/1", "GetEntryBundle"), ("/v1/audit/entries/0/justification", "GetJustification")])
        {
            var response = await gemeente.GetAsync(path);
            await AssertStatus(response, HttpStatusCode.Forbidden);
            var index = long.Parse(response.Headers.GetValues("Avz-Log-Index").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Avz.Audit.Entries.LeafEncoding.TryDecode(log.ReadLeaf(index)!, out var entry, out _));
            Assert.Equal(Avz.Audit.Entries.EntryAction.AccessRefused, entry!.Action);
            Assert.Equal([Avz.Audit.Entries.EntryReason.ScopeMissing], entry.Reasons);
            Assert.Equal(operation, entry.Operation);
            Assert.Equal("gem-groningen", entry.Party);
            Assert.Equal("casemanager-12", entry.Actor);
        }
    }

    private static async Task Append(Avz.Audit.AccessLog log, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => log.AppendAsync(
            new Avz.Audit.Entries.AccessLogEntry { Party = "avz", Action = Avz.Audit.Entries.EntryAction.CaseRead, Decision = Avz.Audit.Entries.EntryDecision.Refused, Case = "c-" + i },
            TestContext.Current.CancellationToken)));

    /// <summary>RFC 9162 §2.1.1: the root of leaf hashes, splitting at the largest power of two below the count.</summary>
    private static byte[] Root(List<byte[]> leaves)
    {
        if (leaves.Count == 1)
        {
            return leaves[0];
        }

        var split = 1;
        while (split * 2 < leaves.Count)
        {
            split *= 2;
        }

        return MerkleHash.Node(Root([.. leaves.Take(split)]), Root([.. leaves.Skip(split)]));
    }

    private async Task<Checkpoint> SignedCheckpoint()
    {
        var log = (Avz.Audit.AccessLog)Factory.Services.GetService(typeof(Avz.Audit.AccessLog))!;
        await log.CheckpointAsync();
        var key = NoteVerifier.Parse((await Client.GetStringAsync("/v1/audit/key", TestContext.Current.CancellationToken)).Trim());
        Assert.True(key.TryVerify(await Client.GetStringAsync("/v1/audit/checkpoint", TestContext.Current.CancellationToken), out var text));
        Assert.True(Checkpoint.TryParse(text, out var checkpoint));
        return checkpoint!;
    }

    private static async Task AssertStatus(HttpResponseMessage response, HttpStatusCode status) =>
        Assert.True(response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
}
