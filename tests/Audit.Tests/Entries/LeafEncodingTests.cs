using System.Text;
using System.Text.Json;
using Avz.Audit.Entries;

namespace Avz.Audit.Tests.Entries;

public sealed class LeafEncodingTests
{
    /// <summary>An entry with every member set, so every member is written.</summary>
    private static readonly AccessLogEntry Full = TestLog.Entry(7) with
    {
        Index = 123,
        Time = new DateTimeOffset(2026, 11, 24, 9, 30, 15, 123, TimeSpan.FromHours(1)),
        Convenant = "avz-groningen",
        OnBehalfOf = "responsible-1",
        Operation = "GetEntryBundle",
        ProcessingActivity = "urn:x",
        Emergency = true,
        Justification = TextCommitment.Create("acuut gevaar voor de buurt", out _),
        Reasons = [EntryReason.OwnSupply],
        Supplied = ["identity/surname"],
        ReleasedViaEmergency = ["identity/surname"],
        Items = ["item-1"],
        Cases = ["case-1", "case-2"],
        Signals = ["gem-groningen", "politie"],
        PlanAction = new PlanActionReference("action-1", "lentis", PlanActionStatus.Stalled, "chain-manager", ["avz"]),
        Status = new StatusChange(LoggedCaseStatus.Triage, LoggedCaseStatus.Consultation),
        Admitted = "lentis",
        Direction = new PartyChange("gem-groningen", "avz"),
        Consent = new ConsentReference("consent-1", ["health-care"], ["reclassering"], new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        RefersTo = 5,
        Bundle = 0,
        Counts = new EntryCounts { ItemsDeleted = 1, DataKeysDestroyed = 2, Rewrapped = 3, Retired = 4, Hits = 5 },
        TargetClient = new ClientReference("politie-lms", ["exchange"]),
        TargetStaff = new StaffReference("0193a4f2-staff", StaffRole.Administrator),
        Key = new KekVersion(KeyProvider.Pkcs11, "kek-2"),
        TraceId = "trace",
        Verdict = ReviewVerdict.Escalated,
        Query = new LogSearch("politie", "wijkagent-17", "case-1", "process-direction", EntryAction.InformationRequest, EntryDecision.Refused, true, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
    };

    [Fact]
    public void Members_AreInRfc8785Order_ByUtf16CodeUnits()
    {
        var names = JsonDocument.Parse(LeafEncoding.Encode(Full)).RootElement.EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(LeafEncoding.MemberOrder, names);
    }

    [Fact]
    public void NestedMembers_AreInRfc8785Order()
    {
        using var document = JsonDocument.Parse(LeafEncoding.Encode(Full));
        foreach (var member in document.RootElement.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object))
        {
            var names = member.Value.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(names.Order(StringComparer.Ordinal), names);
        }
    }

    [Fact]
    public void Strings_AreEscapedAsRfc8785Says()
    {
        // RFC 8785 §3.2.2.2: only '"', '\' and controls are escaped; '/', non-ASCII and the euro sign stay literal.
        var entry = Full with { Actor = "\u20ac$\u000f\nA'B\"\\\\\"/é\t\u001f" };

        var json = Encoding.UTF8.GetString(LeafEncoding.Encode(entry));

        Assert.Contains("\"actor\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/é\\t\\u001f\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryCharacter_IsWrittenAsRfc8785Says_WhereverItStandsInTheString()
    {
        // Every UTF-16 code unit outside the surrogates, alone between letters, at a string's start and at its end: the
        // encoder finds escapes with a vectorised search, so each position of a run must come out as the one-by-one
        // rule of §3.2.2.2 writes it.
        var named = new Dictionary<char, string> { ['"'] = "\\\"", ['\\'] = "\\\\", ['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n", ['\f'] = "\\f", ['\r'] = "\\r" };
        string Expected(char c) => named.TryGetValue(c, out var name) ? name : c < ' ' ? $"\\u{(int)c:x4}" : c.ToString();
        for (var code = 0; code <= 0xFFFF; code++)
        {
            var c = (char)code;
            if (char.IsSurrogate(c))
            {
                continue;
            }

            var actor = $"{c}ab{c}{c}cd{c}";
            var json = Encoding.UTF8.GetString(LeafEncoding.Encode(Full with { Actor = actor }));

            var e = Expected(c);
            Assert.Contains($"\"actor\":\"{e}ab{e}{e}cd{e}\"", json, StringComparison.Ordinal);
        }

        // A surrogate pair is one character, written literally in UTF-8, also beside an escape.
        var paired = Encoding.UTF8.GetString(LeafEncoding.Encode(Full with { Actor = "\ud83d\ude00\n\ud83d\ude00" }));
        Assert.Contains("\"actor\":\"\ud83d\ude00\\n\ud83d\ude00\"", paired, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 0xD800, "")]
    [InlineData("a", 0xDC00, "b")]
    [InlineData("ab\\", 0xD83D, "")]
    public void LoneSurrogates_AreRefused(string before, int surrogate, string after)
    {
        // Built here: an attribute's string argument is stored as UTF-8, which cannot hold a lone surrogate.
        var actor = before + (char)surrogate + after;

        Assert.ThrowsAny<ArgumentException>(() => LeafEncoding.Encode(Full with { Actor = actor }));
    }

    [Fact]
    public void Leaf_IsCompactAndStable()
    {
        var leaf = Encoding.UTF8.GetString(LeafEncoding.Encode(TestLog.Entry(7) with { Index = 123, Time = Full.Time }));

        Assert.Equal(
            "{\"action\":\"information.request\",\"actor\":\"professional-7\",\"actorRole\":\"casemanager\",\"case\":\"case-0\",\"client\":\"client-0\"," +
            "\"decision\":\"partial\",\"emergency\":false,\"index\":123,\"legalBasis\":[\"AVG art. 6(1)(e)\"],\"party\":\"gem-groningen\"," +
            "\"policyVersion\":\"sha256:0000\",\"purpose\":\"process-direction\",\"released\":[\"identity/surname\",\"identity/date-of-birth\"]," +
            "\"rules\":[\"pd-identity\",\"pd-health-details\"],\"subject\":\"pseudonym-7\",\"time\":\"2026-11-24T08:30:15.1230000Z\",\"transactionId\":\"tx-7\"," +
            "\"v\":2,\"withheld\":[{\"field\":\"health-care/diagnosis\",\"reason\":\"consent-required\"}]}",
            leaf);
    }

    [Fact]
    public void EmptyListsAndNulls_AreAbsent_EmergencyIsAlwaysPresent()
    {
        var leaf = Encoding.UTF8.GetString(LeafEncoding.Encode(new AccessLogEntry { Party = "p", Action = EntryAction.CaseRead, Decision = EntryDecision.Refused, Time = Full.Time }));

        Assert.Equal("{\"action\":\"case.read\",\"decision\":\"refused\",\"emergency\":false,\"index\":0,\"party\":\"p\",\"time\":\"2026-11-24T08:30:15.1230000Z\",\"v\":2}", leaf);
    }

    [Fact]
    public void Decode_RoundTrips_AndRefusesNonCanonicalLeaves()
    {
        var leaf = LeafEncoding.Encode(Full);

        Assert.True(LeafEncoding.TryDecode(leaf, out var entry, out var problem), problem);
        Assert.Equal(leaf, LeafEncoding.Encode(entry!));
        Assert.Equal(Full.Consent!.Categories, entry!.Consent!.Categories);
        Assert.Equal(Full.Justification, entry.Justification);
        Assert.Equal(123, LeafEncoding.ReadIndex(leaf));

        var spaced = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(leaf).Replace(",\"index\"", ", \"index\"", StringComparison.Ordinal));
        Assert.False(LeafEncoding.TryDecode(spaced, out _, out problem));
        Assert.Contains("canonical", problem, StringComparison.Ordinal);
        Assert.False(LeafEncoding.TryDecode("{\"v\":2}"u8, out _, out _));
        Assert.False(LeafEncoding.TryDecode("{\"v\":3}"u8, out _, out _));
        Assert.False(LeafEncoding.TryDecode("not json"u8, out _, out _));
    }

    [Fact]
    public void Decode_RefusesAWordOutsideItsClosedSet_AndAnEmptyListWritten()
    {
        var leaf = Encoding.UTF8.GetString(LeafEncoding.Encode(TestLog.Entry(1)));

        Assert.False(LeafEncoding.IsValid(Encoding.UTF8.GetBytes(leaf.Replace("\"partial\"", "\"withheldish\"", StringComparison.Ordinal)), out _, out _));
        Assert.False(LeafEncoding.IsValid(Encoding.UTF8.GetBytes(leaf.Replace("\"consent-required\"", "\"because\"", StringComparison.Ordinal)), out _, out _));
        Assert.False(LeafEncoding.IsValid(Encoding.UTF8.GetBytes(leaf.Replace("\"emergency\":false", "\"cases\":[],\"emergency\":false", StringComparison.Ordinal)), out _, out var problem));
        Assert.Contains("canonical", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Version1Leaves_StillDecode_ReEncodeByteForByte_AndCountAsValid()
    {
        // A leaf as the gateway wrote it before version 2 (src/Audit/README.md, version 1).
        var v1 = "{\"action\":\"information.emergency\",\"actor\":\"professional-7\",\"actorRole\":\"casemanager\",\"case\":\"case-0\",\"client\":\"client-0\",\"decision\":\"withheld\",\"emergency\":true,\"index\":7,\"justification\":\"acuut gevaar\",\"legalBasis\":[],\"party\":\"gem-groningen\",\"reasons\":[\"not-stored; see entry 6\"],\"released\":[],\"time\":\"2026-11-24T08:30:15.1230000Z\",\"v\":1,\"withheld\":[{\"field\":\"health-care/diagnosis\",\"reason\":\"consent-required\"}]}"u8.ToArray();

        Assert.True(LeafEncoding.TryDecodeVersion1(v1, out var entry, out var problem), problem);
        Assert.Equal("acuut gevaar", entry!.Justification);
        Assert.True(LeafEncoding.IsValid(v1, out var version, out _));
        Assert.Equal(1, version);
        Assert.False(LeafEncoding.TryDecode(v1, out _, out _));
        Assert.Equal(7, LeafEncoding.ReadIndex(v1));
    }

    [Fact]
    public void LoneSurrogate_IsRefused_NotReplaced() =>
        Assert.ThrowsAny<ArgumentException>(() => LeafEncoding.Encode(Full with { Actor = "\ud800" }));

    [Fact]
    public void Template_SplicesTheIndex_ExactlyAsEncodingWithIt()
    {
        var template = new LeafTemplate(Full with { Index = 0 });

        foreach (var index in (long[])[0, 9, 10, 255, 1_000_000, 9_007_199_254_740_991])
        {
            Assert.Equal(LeafEncoding.Encode(Full with { Index = index }), template.WithIndex(index));
        }
    }

    [Fact]
    public void TemplateMadeWithAHint_IsTheLeafAtTheHint_AndSplicesAnyOtherIndex()
    {
        long[] indices = [0, 7, 10, 99, 100, 255, 1_000_000, 9_007_199_254_740_991];
        foreach (var hint in indices)
        {
            // As the log's callers make it: encoded into the scratch buffer with index 0, copied out with the hint.
            var template = new LeafTemplate(LeafEncoding.EncodeToScratch(Full with { Index = 0 }), hint);

            Assert.Equal(hint, template.Index);
            Assert.Equal(LeafEncoding.Encode(Full with { Index = hint }), template.Leaf);
            Assert.Equal(LeafEncoding.Encode(Full with { Index = 0 }).Length, template.Length);
            foreach (var other in indices)
            {
                Assert.Equal(LeafEncoding.Encode(Full with { Index = other }), template.WithIndex(other));
            }
        }
    }

    [Fact]
    public void Template_RefusesBytesWithAnIndexAlreadySet() =>
        Assert.Throws<ArgumentException>(() => new LeafTemplate(LeafEncoding.Encode(Full with { Index = 5 })));
}
