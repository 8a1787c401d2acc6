using System.Text;
using Avz.Audit.Entries;
using Avz.Audit.Verification;

namespace Avz.Audit.Tests.Verification;

/// <summary>A log written as version 1 before the upgrade goes on with version 2 entries; the whole verifies.</summary>
public sealed class MixedVersionTests
{
    [Fact]
    public async Task Version1Log_FollowedByVersion2Entries_Verifies()
    {
        await using var test = TestLog.Create();
        for (var n = 0; n < 300; n++)
        {
            await test.Log!.AppendAsync(new LeafTemplate(Version1Leaf(n)), TestContext.Current.CancellationToken);
        }

        await test.Log!.CheckpointAsync();
        await Task.WhenAll(Enumerable.Range(300, 300).Select(n => test.Log.AppendAsync(TestLog.Entry(n))));
        await test.Log.CheckpointAsync();
        await test.CloseAsync();

        using var store = test.OpenStore();
        var report = LogVerifier.Verify(store, test.Verifier);
        Assert.True(report.Succeeded, string.Join("; ", report.Findings.Select(f => f.Message)));
        Assert.Equal(600, report.Entries);
        var versions = store.ReadEntries(0, long.MaxValue).Select(e => LeafEncoding.IsValid(e.Leaf, out var version, out _) ? version : -1).ToList();
        Assert.Equal(Enumerable.Repeat(1, 300).Concat(Enumerable.Repeat(2, 300)), versions);
    }

    [Fact]
    public async Task Version2LeafWithAWordOutsideItsSet_IsReportedMalformed()
    {
        await using var test = TestLog.Create();
        var forged = Encoding.UTF8.GetString(LeafEncoding.Encode(TestLog.Entry(0))).Replace("\"partial\"", "\"released-anyway\"", StringComparison.Ordinal);
        await test.Log!.AppendAsync(TestLog.Entry(1), TestContext.Current.CancellationToken);
        await test.Log.AppendAsync(new LeafTemplate(Encoding.UTF8.GetBytes(forged)), TestContext.Current.CancellationToken);
        await test.Log.CheckpointAsync();
        await test.CloseAsync();

        using var store = test.OpenStore();
        var finding = Assert.Single(LogVerifier.Verify(store, test.Verifier).Findings);
        Assert.Equal(FindingKind.Malformed, finding.Kind);
        Assert.Equal(1, finding.Index);
    }

    private static byte[] Version1Leaf(int n) => LeafEncodingV1.Encode(new AccessLogEntryV1
    {
        Party = "gem-groningen",
        Action = "information.request",
        Decision = n % 2 == 0 ? "permitted" : "withheld",
        Reasons = ["pd-identity", $"not-stored; see entry {n}"],
        Released = ["identity/surname"],
        Withheld = [new WithheldFieldV1("health-care/diagnosis", "consent-required")],
        Justification = n % 3 == 0 ? "vrije tekst zoals versie 1 die schreef" : null,
        Time = DateTimeOffset.UnixEpoch.AddDays(n),
    });
}
