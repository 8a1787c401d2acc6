using System.Globalization;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.House;

/// <summary>
/// The house's trend counts for mayors and partners (<c>GET /v1/trends</c>, the portal's trends page): cases per
/// quarter of registration, per municipality and per purpose, by status group, with the median days from registration
/// to the first case consultation. Case metadata only: no subject, field value or reason is read, and every count
/// from 1 to 4, and every count that would let one be recomputed, is hidden (<see cref="SmallCellSuppression"/>).
/// </summary>
public sealed class TrendReports
{
    /// <summary>The status columns.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["registered", "triage", "active", "closed"];

    /// <summary>At most this many quarters in one report.</summary>
    public const int MaximumQuarters = 40;

    private readonly ExchangeDbContext db;
    private readonly IPolicySource policies;
    private readonly TimeProvider time;

    internal TrendReports(ExchangeDbContext db, IPolicySource policies, TimeProvider time)
    {
        this.db = db;
        this.policies = policies;
        this.time = time;
    }

    /// <summary>The report for a convenant over a range of quarters.</summary>
    /// <param name="convenant">The convenant.</param>
    /// <param name="party">The asking partner's party, which must be a party to the convenant; null for the house's staff.</param>
    /// <param name="from">The first quarter (<c>2025-Q1</c>); null for three quarters before <paramref name="to"/>.</param>
    /// <param name="to">The last quarter; null for the current one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report, or why not.</returns>
    public async Task<ExchangeResult<TrendReport>> ReportAsync(string? convenant, string? party, string? from, string? to, CancellationToken cancellationToken)
    {
        var policy = convenant is null ? null : policies.Find(convenant);
        if (policy is null)
        {
            return ExchangeResult<TrendReport>.Fail(ExchangeErrors.UnknownConvenant);
        }

        if (party is not null && policy.FindParty(party) is null)
        {
            return ExchangeResult<TrendReport>.Fail(ExchangeErrors.NotInConvenant);
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(policy.Document.Convenant.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        Quarter? last = to is null ? Quarter.Of(today) : Quarter.Parse(to);
        Quarter? first = from is null ? last?.Plus(-3) : Quarter.Parse(from);
        if (first is null || last is null || first.Value.CompareTo(last.Value) > 0 || last.Value.Index - first.Value.Index >= MaximumQuarters)
        {
            return ExchangeResult<TrendReport>.Fail(ExchangeErrors.QuarterRange);
        }

        var start = Instant(first.Value.Start, zone);
        var end = Instant(last.Value.Plus(1).Start, zone);
        var cases = await db.Cases.AsNoTracking()
            .Where(c => c.Convenant == policy.ConvenantId && c.RegisteredAt >= start && c.RegisteredAt < end)
            .Select(c => new
            {
                c.Municipality,
                c.Purpose,
                c.Status,
                c.RegisteredAt,
                Consulted = c.StatusChanges.Where(s => s.To == CaseStatus.Consultation).Select(s => (DateTimeOffset?)s.At).Min(),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var municipalities = policy.Document.Parties.Where(p => p.Kind == Avz.Policy.Model.PartyKind.Municipality).Select(p => (p.Id, p.Name)).ToList();
        if (cases.Any(c => c.Municipality is null || municipalities.All(m => m.Id != c.Municipality)))
        {
            municipalities.Add((Unknown, "onbekend"));
        }

        // A purpose a later policy version dropped still has its cases; they keep a row, so both tables count the same cases.
        var purposes = policy.Document.Purposes.Select(p => p.Id)
            .Concat(cases.Select(c => c.Purpose).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Select(p => (p, p))
            .ToList();
        var quarters = new List<QuarterTrends>();
        for (var quarter = first.Value; quarter.CompareTo(last.Value) <= 0; quarter = quarter.Plus(1))
        {
            var q = quarter;
            var inQuarter = cases
                .Where(c => Quarter.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.RegisteredAt, zone).DateTime)).Equals(q))
                .Select(c => new TrendCase(
                    c.Municipality is { } m && municipalities.Any(x => x.Id == m) ? m : Unknown,
                    c.Purpose,
                    ColumnOf(c.Status),
                    c.Consulted is { } at ? (at - c.RegisteredAt).TotalDays : null))
                .ToList();
            var (byMunicipality, byPurpose) = TrendTables.Build(inQuarter, municipalities, purposes, Columns.Count);
            quarters.Add(new QuarterTrends(q.ToString(), byMunicipality, byPurpose));
        }

        return ExchangeResult<TrendReport>.Ok(new TrendReport(policy.ConvenantId, Columns, quarters));
    }

    /// <summary>The report as CSV: one line per row of each table, counts as shown (<c>&lt;5</c>, <c>x</c>).</summary>
    /// <param name="report">The report.</param>
    /// <returns>CSV with a header line, CRLF line ends (RFC 4180).</returns>
    public static string ToCsv(TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        static string Field(string value) => value.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        var csv = new System.Text.StringBuilder("quarter,table,key,name,").AppendJoin(',', report.Columns).Append(",total,median_days_to_consultation\r\n");
        foreach (var quarter in report.Quarters)
        {
            foreach (var (table, name) in new[] { (quarter.ByMunicipality, "municipality"), (quarter.ByPurpose, "purpose") })
            {
                foreach (var row in table.Rows.Append(table.Total))
                {
                    csv.AppendJoin(',', [quarter.Quarter, name, Field(row.Key), Field(row.Name), .. row.Cells.Select(c => c.Shown), row.Total.Shown,
                        row.MedianDaysToConsultation?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""]).Append("\r\n");
                }
            }
        }

        return csv.ToString();
    }

    /// <summary>The row key of cases without a known municipality.</summary>
    public const string Unknown = "unknown";

    private static int ColumnOf(CaseStatus status) => status switch
    {
        CaseStatus.Registered => 0,
        CaseStatus.Triage => 1,
        CaseStatus.Consultation or CaseStatus.Monitoring => 2,
        CaseStatus.Closed or CaseStatus.Rejected => 3,
    };

    private static DateTimeOffset Instant(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>A calendar quarter.</summary>
    internal readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
    {
        public int Index => (Year * 4) + Number - 1;

        public DateOnly Start => new(Year, ((Number - 1) * 3) + 1, 1);

        public static Quarter Of(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

        public static Quarter? Parse(string text) =>
            text.Length == 7 && text[4] == '-' && text[5] == 'Q'
                && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2200
                && text[6] is >= '1' and <= '4'
                ? new Quarter(year, text[6] - '0')
                : null;

        public Quarter Plus(int quarters) => new((Index + quarters) / 4, ((Index + quarters) % 4) + 1);

        public int CompareTo(Quarter other) => Index.CompareTo(other.Index);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Number}");
    }
}
