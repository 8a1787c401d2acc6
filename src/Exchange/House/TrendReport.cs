namespace Avz.Exchange.House;

/// <summary>Case counts per quarter from case metadata only, with small cells suppressed.</summary>
/// <param name="Convenant">The convenant.</param>
/// <param name="Columns">The status columns of every table: registered, triage, active (consultation or monitoring), closed (closed or rejected).</param>
/// <param name="Quarters">One entry per quarter of registration, oldest first.</param>
public sealed record TrendReport(string Convenant, IReadOnlyList<string> Columns, IReadOnlyList<QuarterTrends> Quarters);

/// <summary>The counts of the cases registered in one quarter (in the convenant's time zone).</summary>
/// <param name="Quarter">The quarter, as <c>2026-Q3</c>.</param>
/// <param name="ByMunicipality">Per municipality (and <c>unknown</c> for cases without one).</param>
/// <param name="ByPurpose">Per purpose of the convenant.</param>
public sealed record QuarterTrends(string Quarter, TrendTable ByMunicipality, TrendTable ByPurpose);

/// <summary>A table of counts: rows by municipality or purpose, columns by status, with totals.</summary>
/// <param name="Rows">The rows.</param>
/// <param name="Total">The column totals and the grand total; shared by the quarter's two tables.</param>
public sealed record TrendTable(IReadOnlyList<TrendRow> Rows, TrendRow Total);

/// <summary>One row of a trend table.</summary>
/// <param name="Key">The party id, purpose id, <c>unknown</c>, or <c>total</c>.</param>
/// <param name="Name">Its name.</param>
/// <param name="Cells">One cell per status column.</param>
/// <param name="Total">The row's total.</param>
/// <param name="MedianDaysToConsultation">Median whole days from registration to first case consultation, over the row's cases that reached one; null when fewer than five did or the row's total is hidden.</param>
public sealed record TrendRow(string Key, string Name, IReadOnlyList<TrendCell> Cells, TrendCell Total, double? MedianDaysToConsultation);

/// <summary>One published count.</summary>
/// <param name="Count">The count; null when hidden.</param>
/// <param name="Shown">As shown: the count, <c>&lt;5</c> for 1 to 4, or <c>x</c> where a count is hidden so that a small one cannot be recomputed from the totals.</param>
public sealed record TrendCell(int? Count, string Shown);
