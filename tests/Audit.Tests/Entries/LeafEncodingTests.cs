using System.Text;
using System.Text.Json;
using Avz.Audit.Entries;

namespace Avz.Audit.Tests.Entries;

public sealed class LeafEncodingTests
{
    private static readonly AccessLogEntry Full = TestLog.Entry(7) with
    {
        Index = 123,
        Time = new DateTimeOffset(2026, 11, 24, 9, 30, 15, 123, TimeSpan.FromHours(1)),
        Convenant = "avz-groningen",
        OnBehalfOf = "responsible-1",
        ProcessingActivity = "urn:x",
        Emergency = true,
        Justification = "acuut gevaar",
        TraceId = "trace",
    };

    [Fact]
    public void Members_AreInRfc8785Order_ByUtf16CodeUnits()
    {
        var names = JsonDocument.Parse(LeafEncoding.Encode(Full)).RootElement.EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(LeafEncoding.MemberOrder, names);
    }

    [Fact]
    public void Strings_AreEscapedAsRfc8785Says()
    {
        // RFC 8785 §3.2.2.2: only '"', '\' and controls are escaped; '/', non-ASCII and the euro sign stay literal.
        var entry = Full with { Justification = "\u20ac$\u000f\nA'B\"\\\\\"/é\t\u001f" };

        var json = Encoding.UTF8.GetString(LeafEncoding.Encode(entry));

        Assert.Contains("\"justification\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/é\\t\\u001f\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Leaf_IsCompactAndStable()
    {
        var leaf = Encoding.UTF8.GetString(LeafEncoding.Encode(Full));

        Assert.StartsWith("{\"action\":\"information.request\",\"actor\":\"professional-7\",", leaf, StringComparison.Ordinal);
        Assert.Contains("\"emergency\":true,\"index\":123,", leaf, StringComparison.Ordinal);
        Assert.Contains("\"time\":\"2026-11-24T08:30:15.1230000Z\"", leaf, StringComparison.Ordinal);
        Assert.EndsWith("\"v\":1,\"withheld\":[{\"field\":\"health-care/diagnosis\",\"reason\":\"consent-required\"}]}", leaf, StringComparison.Ordinal);
        Assert.DoesNotContain("\": ", leaf, StringComparison.Ordinal);
        Assert.DoesNotContain(", \"", leaf, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RoundTrips_AndRefusesNonCanonicalLeaves()
    {
        var leaf = LeafEncoding.Encode(Full);

        Assert.True(LeafEncoding.TryDecode(leaf, out var entry, out _));
        Assert.Equal(leaf, LeafEncoding.Encode(entry!));
        Assert.Equal(123, LeafEncoding.ReadIndex(leaf));

        var spaced = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(leaf).Replace(",\"index\"", ", \"index\"", StringComparison.Ordinal));
        Assert.False(LeafEncoding.TryDecode(spaced, out _, out var problem));
        Assert.Contains("canonical", problem, StringComparison.Ordinal);
        Assert.False(LeafEncoding.TryDecode("{\"v\":2}"u8, out _, out _));
        Assert.False(LeafEncoding.TryDecode("not json"u8, out _, out _));
    }

    [Fact]
    public void LoneSurrogate_IsRefused_NotReplaced() =>
        Assert.ThrowsAny<ArgumentException>(() => LeafEncoding.Encode(Full with { Justification = "\ud800" }));

    [Fact]
    public void Template_SplicesTheIndex_ExactlyAsEncodingWithIt()
    {
        var template = new LeafTemplate(Full with { Index = 0 });

        foreach (var index in (long[])[0, 9, 10, 255, 1_000_000, 9_007_199_254_740_991])
        {
            Assert.Equal(LeafEncoding.Encode(Full with { Index = index }), template.WithIndex(index));
        }
    }
}
