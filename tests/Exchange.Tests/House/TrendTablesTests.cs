using System.Numerics;
using Avz.Exchange.House;
using CsCheck;

namespace Avz.Exchange.Tests.House;

public sealed class TrendTablesTests
{
    private static readonly (string, string)[] Municipalities = [("gem-a", "A"), ("gem-b", "B"), ("gem-c", "C"), ("gem-d", "D"), ("unknown", "onbekend")];
    private static readonly (string, string)[] Purposes = [("process-direction", "p"), ("youth-groups", "y"), ("domestic-violence", "d")];

    [Fact]
    public void Build_AnyCases_ShowsNoCountFrom1To4_AndNoHiddenCountCanBeRecomputed_AndShownCountsAreTrue()
    {
        var oneCase = Gen.Select(Gen.Int[0, Municipalities.Length - 1], Gen.Int[0, Purposes.Length - 1], Gen.Int[0, 3], Gen.Int[0, 3])
            .Select((m, p, column, skew) => new TrendCase(Municipalities[skew == 0 ? 0 : m].Item1, Purposes[p].Item1, column, null));
        oneCase.List[0, 90].Sample(cases =>
        {
            var (byMunicipality, byPurpose) = TrendTables.Build(cases, Municipalities, Purposes, 4);

            foreach (var cell in Cells(byMunicipality).Concat(Cells(byPurpose)))
            {
                Assert.False(cell.Count is >= 1 and <= 4, "a count from 1 to 4 is shown");
                Assert.Equal(cell.Count is null, cell.Shown is "<5" or "x");
            }

            AssertTrue(byMunicipality, cases, c => c.Municipality);
            AssertTrue(byPurpose, cases, c => c.Purpose);
            Assert.Empty(Recoverable(byMunicipality, byPurpose));
        }, iter: 400);
    }

    [Fact]
    public void Build_OneSmallCellInARow_HidesAnInnerComplementInTheSameRow()
    {
        // Municipality A: 1 registered, 6 in triage. Without a complement the 1 is its total minus 6.
        var cases = Enumerable.Repeat(new TrendCase("gem-a", "process-direction", 0, null), 1)
            .Concat(Enumerable.Repeat(new TrendCase("gem-a", "process-direction", 1, null), 6))
            .Concat(Enumerable.Repeat(new TrendCase("gem-b", "process-direction", 1, null), 9))
            .Concat(Enumerable.Repeat(new TrendCase("gem-b", "youth-groups", 0, null), 7))
            .ToList();

        var (byMunicipality, byPurpose) = TrendTables.Build(cases, Municipalities, Purposes, 4);

        var a = byMunicipality.Rows[0];
        Assert.Equal("<5", a.Cells[0].Shown);
        Assert.Equal("7", a.Total.Shown);
        Assert.Contains(a.Cells.Skip(1), c => c.Shown == "x");
        Assert.Empty(Recoverable(byMunicipality, byPurpose));
    }

    [Fact]
    public void Build_MedianDays_OnlyOverFiveOrMoreConsultedCases()
    {
        var cases = new[] { 3.0, 5, 8, 10, 30 }.Select(d => new TrendCase("gem-a", "process-direction", 2, d))
            .Concat([new TrendCase("gem-b", "process-direction", 2, 2), new TrendCase("gem-b", "process-direction", 2, 4), new TrendCase("gem-b", "process-direction", 2, 6), new TrendCase("gem-b", "process-direction", 2, 7)])
            .Concat(Enumerable.Repeat(new TrendCase("gem-b", "process-direction", 0, null), 3))
            .ToList();

        var (byMunicipality, _) = TrendTables.Build(cases, Municipalities, Purposes, 4);

        Assert.Equal(8, byMunicipality.Rows[0].MedianDaysToConsultation);
        Assert.Null(byMunicipality.Rows[1].MedianDaysToConsultation);
        Assert.Equal(6, byMunicipality.Total.MedianDaysToConsultation);
    }

    private static IEnumerable<TrendCell> Cells(TrendTable table) =>
        table.Rows.Append(table.Total).SelectMany(r => r.Cells.Append(r.Total));

    private static void AssertTrue(TrendTable table, List<TrendCase> cases, Func<TrendCase, string> key)
    {
        foreach (var row in table.Rows)
        {
            for (var j = 0; j < 4; j++)
            {
                if (row.Cells[j].Count is { } shown)
                {
                    Assert.Equal(cases.Count(c => key(c) == row.Key && c.Column == j), shown);
                }
            }
        }

        Assert.True(table.Total.Total.Count is null || table.Total.Total.Count == cases.Count);
    }

    /// <summary>
    /// An independent check of the published tables: every hidden count is an unknown in the equations a reader can
    /// write from what is shown (row sums, column sums, totals, the column totals both tables share). A hidden count is
    /// recoverable when deleting its column lowers the rank of the system (exact rational arithmetic).
    /// </summary>
    private static List<string> Recoverable(TrendTable byMunicipality, TrendTable byPurpose)
    {
        var unknown = new Dictionary<TrendCell, int>(ReferenceEqualityComparer.Instance);
        var names = new List<string>();
        int? Var(TrendCell cell, string name)
        {
            if (cell.Count is not null)
            {
                return null;
            }

            if (!unknown.TryGetValue(cell, out var v))
            {
                unknown[cell] = v = unknown.Count;
                names.Add(name);
            }

            return v;
        }

        var equations = new List<List<(int? Var, int Sign)>>();
        foreach (var (table, label) in new[] { (byMunicipality, "m"), (byPurpose, "p") })
        {
            foreach (var row in table.Rows.Append(table.Total))
            {
                equations.Add([.. row.Cells.Select((c, j) => (Var(c, $"{label}:{row.Key}:{j}"), 1)), (Var(row.Total, $"{label}:{row.Key}:total"), -1)]);
            }

            for (var j = 0; j < 4; j++)
            {
                equations.Add([.. table.Rows.Select(r => (Var(r.Cells[j], $"{label}:{r.Key}:{j}"), 1)), (Var(table.Total.Cells[j], $"total:{j}"), -1)]);
            }

            equations.Add([.. table.Rows.Select(r => (Var(r.Total, $"{label}:{r.Key}:total"), 1)), (Var(table.Total.Total, "grand"), -1)]);
        }

        var matrix = equations.Select(e =>
        {
            var row = new BigInteger[unknown.Count];
            foreach (var (v, sign) in e)
            {
                if (v is { } i)
                {
                    row[i] += sign;
                }
            }

            return row;
        }).ToList();

        var full = Rank(matrix, -1);
        return [.. Enumerable.Range(0, unknown.Count).Where(u => Rank(matrix, u) < full).Select(u => names[u])];
    }

    private static int Rank(List<BigInteger[]> matrix, int without)
    {
        var rows = matrix.Select(r => r.Where((_, k) => k != without).ToArray()).Where(r => r.Length > 0).ToList();
        var columns = rows.Count == 0 ? 0 : rows[0].Length;
        var rank = 0;
        for (var c = 0; c < columns && rank < rows.Count; c++)
        {
            var pivot = rows.FindIndex(rank, r => !r[c].IsZero);
            if (pivot < 0)
            {
                continue;
            }

            (rows[rank], rows[pivot]) = (rows[pivot], rows[rank]);
            for (var r = rank + 1; r < rows.Count; r++)
            {
                if (!rows[r][c].IsZero)
                {
                    // Fraction-free elimination: row_r := p·row_r − q·row_rank keeps every entry an integer.
                    var p = rows[rank][c];
                    var q = rows[r][c];
                    for (var k = 0; k < columns; k++)
                    {
                        rows[r][k] = (p * rows[r][k]) - (q * rows[rank][k]);
                    }
                }
            }

            rank++;
        }

        return rank;
    }
}
