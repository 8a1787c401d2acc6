using System.Globalization;
using System.Text;
using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Index;
using Avz.Exchange.Cases;

namespace Avz.Exchange.Oversight;

/// <summary>
/// A data subject's access report (AVG art. 15, NEN 7513 client view): every entry about one person, found by the
/// keyed pseudonym of the BSN, with a signed checkpoint and an inclusion proof per line. The report is itself an entry,
/// written before anything is read out (fail closed). Used by the API and the staff portal alike.
/// </summary>
/// <param name="log">The access log.</param>
/// <param name="cases">The exchange, for the subject's pseudonym.</param>
/// <param name="policies">The policies, for the organisations' names.</param>
public sealed class SubjectReports(AccessLog log, ICaseExchange cases, IPolicySource policies)
{
    /// <summary>Makes the report.</summary>
    /// <param name="caller">The privacy officer.</param>
    /// <param name="bsn">The person's BSN.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report, or an error (an invalid BSN, a store without index).</returns>
    public async Task<ExchangeResult<SubjectReport>> MakeAsync(Caller caller, string? bsn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var pseudonym = await cases.SubjectPseudonymAsync(bsn, cancellationToken).ConfigureAwait(false);
        if (pseudonym is null)
        {
            return ExchangeResult<SubjectReport>.Fail(ExchangeErrors.InvalidBsn);
        }

        if (!log.HasIndex)
        {
            return ExchangeResult<SubjectReport>.Fail(ExchangeErrors.NoLogIndex);
        }

        var hits = new List<(long Index, byte[] Leaf)>();
        for (long? before = null; ;)
        {
            var page = log.Search(new LogQuery { Subject = pseudonym, Before = before, Limit = LogQuery.MaxLimit });
            hits.AddRange(page);
            if (page.Count < LogQuery.MaxLimit)
            {
                break;
            }

            before = page[^1].Index;
        }

        // The report's own entry first (fail closed); the checkpoint then covers every line it proves.
        var index = await log.AppendAsync(
            caller.Entry(EntryAction.AuditSubjectReport, EntryDecision.Permitted) with { Subject = pseudonym, Counts = new EntryCounts { Hits = hits.Count } },
            cancellationToken).ConfigureAwait(false);
        var checkpoint = await log.CheckpointAsync().ConfigureAwait(false);
        var lines = hits.OrderBy(h => h.Index).Select(h => Line(h.Index, h.Leaf, log.InclusionProof(h.Index, checkpoint.Size), policies)).ToList();
        return ExchangeResult<SubjectReport>.Ok(new SubjectReport(pseudonym, log.VerifierKey, checkpoint.Note, checkpoint.Size, lines), index);
    }

    /// <summary>The report's lines as CSV (RFC 4180), one access per row.</summary>
    /// <param name="lines">The lines.</param>
    /// <returns>The CSV text.</returns>
    public static string ToCsv(IEnumerable<SubjectReportLine> lines)
    {
        static string Field(string? value) =>
            value is null ? "" : value.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        var csv = new StringBuilder("index,time,party,organisation,role,action,decision,purpose,legal_basis,released,withheld,emergency\r\n");
        foreach (var line in lines)
        {
            csv.AppendJoin(',', [
                line.Index.ToString(CultureInfo.InvariantCulture), line.Time.ToString("O", CultureInfo.InvariantCulture), Field(line.Party), Field(line.Organisation),
                Field(line.Role), Field(line.Action), Field(line.Decision), Field(line.Purpose), Field(string.Join("; ", line.LegalBasis)),
                Field(string.Join("; ", line.Released)), Field(string.Join("; ", line.Withheld)), line.Emergency ? "true" : "false"]).Append("\r\n");
        }

        return csv.ToString();
    }

    private static SubjectReportLine Line(long index, byte[] leaf, IReadOnlyList<byte[]> proof, IPolicySource policies)
    {
        using var document = JsonDocument.Parse(leaf);
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        string[] List(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Object ? v.GetProperty("field").GetString() + " (" + v.GetProperty("reason").GetString() + ")" : v.GetString()!)]
            : [];
        var party = Text("party") ?? "";
        var organisation = Text("convenant") is { } convenant && policies.Find(convenant)?.FindParty(party) is { } known ? known.Name : party;
        return new SubjectReportLine(
            index,
            DateTimeOffset.Parse(Text("time")!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            party,
            organisation,
            Text("actorRole"),
            Text("action") ?? "",
            Text("decision") ?? "",
            Text("purpose"),
            List("legalBasis"),
            List("released"),
            List("withheld"),
            root.TryGetProperty("emergency", out var emergency) && emergency.ValueKind == JsonValueKind.True,
            Convert.ToBase64String(leaf),
            [.. proof.Select(Convert.ToBase64String)]);
    }
}

/// <summary>Every entry about one person, provable line by line against the log's key.</summary>
/// <param name="Subject">The pseudonym the log records the person under.</param>
/// <param name="LogKey">The log's verifier key (check it against the published one).</param>
/// <param name="Checkpoint">The signed checkpoint every proof leads to.</param>
/// <param name="TreeSize">Its size.</param>
/// <param name="Entries">The lines, oldest first.</param>
public sealed record SubjectReport(string Subject, string LogKey, string Checkpoint, long TreeSize, IReadOnlyList<SubjectReportLine> Entries);

/// <summary>One access to a person's data, or attempt.</summary>
/// <param name="Index">The entry's index.</param>
/// <param name="Time">When.</param>
/// <param name="Party">The organisation's id.</param>
/// <param name="Organisation">The organisation's name, as the convenant names it.</param>
/// <param name="Role">The professional's role.</param>
/// <param name="Action">What (the entry's action word).</param>
/// <param name="Decision">Permitted, partial, withheld, refused or error.</param>
/// <param name="Purpose">For which purpose.</param>
/// <param name="LegalBasis">On which legal basis.</param>
/// <param name="Released">The fields disclosed, category/field.</param>
/// <param name="Withheld">The fields not disclosed, with why.</param>
/// <param name="Emergency">Whether emergency access was used or attempted.</param>
/// <param name="Leaf">The entry's leaf bytes, base64: what the proof proves.</param>
/// <param name="Proof">The inclusion proof for the report's checkpoint, base64 hashes bottom to top.</param>
public sealed record SubjectReportLine(
    long Index,
    DateTimeOffset Time,
    string Party,
    string Organisation,
    string? Role,
    string Action,
    string Decision,
    string? Purpose,
    IReadOnlyList<string> LegalBasis,
    IReadOnlyList<string> Released,
    IReadOnlyList<string> Withheld,
    bool Emergency,
    string Leaf,
    IReadOnlyList<string> Proof);
