using System.Text;
using Avz.Audit.Entries;

namespace Avz.Audit.Tests.Entries;

/// <summary>The closed sets of leaf format version 2: every value round-trips through a leaf, and every word is specified.</summary>
public sealed class VocabularyTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "src", "Audit", "README.md"));

    public static TheoryData<string, string> Words()
    {
        var data = new TheoryData<string, string>();
        Add<EntryAction>(data);
        Add<EntryDecision>(data);
        Add<EntryReason>(data);
        Add<WithheldReason>(data);
        Add<LoggedCaseStatus>(data);
        Add<KeyProvider>(data);
        Add<ReviewVerdict>(data);
        Add<StaffRole>(data);
        Add<PlanActionStatus>(data);
        return data;
    }

    [Theory]
    [MemberData(nameof(Words))]
    public void EveryWord_IsSpecifiedInTheReadme(string set, string word) =>
        Assert.True(Readme.Contains($"`{word}`", StringComparison.Ordinal), $"{set} word '{word}' is not in src/Audit/README.md");

    [Fact]
    public void EveryMember_IsSpecifiedInTheReadme()
    {
        var start = Readme.IndexOf("### Members (version 2)", StringComparison.Ordinal);
        var members = Readme[start..Readme.IndexOf("### Closed sets", start, StringComparison.Ordinal)];
        Assert.All(LeafEncoding.MemberOrder, m => Assert.Contains($"`{m}`", members, StringComparison.Ordinal));
    }

    [Fact]
    public void Words_AreDerivedAsSpecified()
    {
        Assert.Equal("case.register", Wire.Of(EntryAction.CaseRegister));
        Assert.Equal("audit.read-entry", Wire.Of(EntryAction.AuditReadEntry));
        Assert.Equal("outside-effective-period", Wire.Of(WithheldReason.OutsideEffectivePeriod));
        Assert.Equal("azure-key-vault", Wire.Of(KeyProvider.AzureKeyVault));
        Assert.Equal("pkcs11", Wire.Of(KeyProvider.Pkcs11));
        Assert.False(Wire.TryParse<EntryDecision>("Permitted", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Wire.Of((EntryDecision)99));
    }

    [Fact]
    public void EveryValueOfEveryClosedSet_RoundTripsThroughALeaf()
    {
        foreach (var action in Enum.GetValues<EntryAction>())
        {
            RoundTrip(Entry() with { Action = action });
        }

        foreach (var decision in Enum.GetValues<EntryDecision>())
        {
            RoundTrip(Entry() with { Decision = decision });
        }

        RoundTrip(Entry() with { Reasons = Enum.GetValues<EntryReason>() });
        RoundTrip(Entry() with { Withheld = [.. Enum.GetValues<WithheldReason>().Select(r => new WithheldField("c/" + Wire.Of(r), r))] });
        foreach (var status in Enum.GetValues<LoggedCaseStatus>())
        {
            RoundTrip(Entry() with { Status = new StatusChange(status, status) });
        }

        foreach (var verdict in Enum.GetValues<ReviewVerdict>())
        {
            RoundTrip(Entry() with { Action = EntryAction.AuditReviewVerdict, RefersTo = 7, Verdict = verdict });
        }

        foreach (var role in Enum.GetValues<StaffRole>())
        {
            RoundTrip(Entry() with { Action = EntryAction.StaffAdd, TargetStaff = new StaffReference("account-1", role) });
        }

        foreach (var provider in Enum.GetValues<KeyProvider>())
        {
            RoundTrip(Entry() with { Key = new KekVersion(provider, null) });
        }
    }

    private static AccessLogEntry Entry() => new() { Party = "p", Action = EntryAction.CaseRead, Decision = EntryDecision.Permitted };

    private static void RoundTrip(AccessLogEntry entry)
    {
        var leaf = LeafEncoding.Encode(entry);
        Assert.True(LeafEncoding.TryDecode(leaf, out var decoded, out var problem), $"{Encoding.UTF8.GetString(leaf)}: {problem}");
        Assert.Equal(leaf, LeafEncoding.Encode(decoded!));
        Assert.Equal(entry.Action, decoded!.Action);
        Assert.Equal(entry.Decision, decoded.Decision);
        Assert.Equal(entry.Reasons, decoded.Reasons);
        Assert.Equal(entry.Withheld, decoded.Withheld);
        Assert.Equal(entry.Status, decoded.Status);
        Assert.Equal(entry.Key, decoded.Key);
        Assert.Equal(entry.Verdict, decoded.Verdict);
        Assert.Equal(entry.TargetStaff, decoded.TargetStaff);
    }

    private static void Add<T>(TheoryData<string, string> data)
        where T : struct, Enum
    {
        foreach (var word in Wire.All<T>())
        {
            data.Add(typeof(T).Name, word);
        }
    }
}
