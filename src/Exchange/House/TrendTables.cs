using System.Globalization;

namespace Avz.Exchange.House;

/// <summary>
/// Builds one quarter's two tables (per municipality, per purpose) over the same cases. The tables share their column
/// totals and grand total, so they are suppressed as one system of equations: a count hidden in one table cannot be
/// recovered through the other.
/// </summary>
internal static class TrendTables
{
    public static (TrendTable ByMunicipality, TrendTable ByPurpose) Build(
        IReadOnlyList<TrendCase> cases, IReadOnlyList<(string Key, string Name)> municipalities, IReadOnlyList<(string Key, string Name)> purposes, int columns)
    {
        var m = Counts(cases, municipalities, c => c.Municipality, columns);
        var p = Counts(cases, purposes, c => c.Purpose, columns);
        var layout = new Layout(municipalities.Count, purposes.Count, columns);

        var values = new int[layout.Size];
        var isTotal = new bool[layout.Size];
        Fill(m, layout.MunicipalityCell, layout.MunicipalityTotal, values, isTotal);
        Fill(p, layout.PurposeCell, layout.PurposeTotal, values, isTotal);
        for (var j = 0; j < columns; j++)
        {
            values[layout.ColumnTotal(j)] = cases.Count(c => c.Column == j);
            isTotal[layout.ColumnTotal(j)] = true;
        }

        values[layout.Grand] = cases.Count;
        isTotal[layout.Grand] = true;

        var hidden = SmallCellSuppression.Suppress(values, isTotal, layout.Equations());

        TrendCell Cell(int index) => hidden[index] switch
        {
            Hidden.None => new TrendCell(values[index], values[index].ToString(CultureInfo.InvariantCulture)),
            Hidden.Small => new TrendCell(null, "<5"),
            Hidden.Complement => new TrendCell(null, "x"),
        };

        TrendRow Row(string key, string name, Func<int, int> cell, int total, Func<TrendCase, bool> member) => new(
            key,
            name,
            [.. Enumerable.Range(0, columns).Select(j => Cell(cell(j)))],
            Cell(total),
            hidden[total] == Hidden.None ? Median(cases.Where(member)) : null);

        var totalRow = Row("total", "totaal", layout.ColumnTotal, layout.Grand, _ => true);
        var byMunicipality = new TrendTable(
            [.. municipalities.Select((x, r) => Row(x.Key, x.Name, j => layout.MunicipalityCell(r, j), layout.MunicipalityTotal(r), c => c.Municipality == x.Key))],
            totalRow);
        var byPurpose = new TrendTable(
            [.. purposes.Select((x, r) => Row(x.Key, x.Name, j => layout.PurposeCell(r, j), layout.PurposeTotal(r), c => c.Purpose == x.Key))],
            totalRow);
        return (byMunicipality, byPurpose);
    }

    private static int[,] Counts(IReadOnlyList<TrendCase> cases, IReadOnlyList<(string Key, string Name)> rows, Func<TrendCase, string> key, int columns)
    {
        var counts = new int[rows.Count, columns];
        foreach (var c in cases)
        {
            for (var r = 0; r < rows.Count; r++)
            {
                if (rows[r].Key == key(c))
                {
                    counts[r, c.Column]++;
                }
            }
        }

        return counts;
    }

    private static void Fill(int[,] counts, Func<int, int, int> cell, Func<int, int> total, int[] values, bool[] isTotal)
    {
        for (var r = 0; r < counts.GetLength(0); r++)
        {
            var sum = 0;
            for (var j = 0; j < counts.GetLength(1); j++)
            {
                values[cell(r, j)] = counts[r, j];
                sum += counts[r, j];
            }

            values[total(r)] = sum;
            isTotal[total(r)] = true;
        }
    }

    /// <summary>The median only over five or more cases that reached a consultation, so a median cannot describe one person.</summary>
    private static double? Median(IEnumerable<TrendCase> cases)
    {
        var days = cases.Where(c => c.DaysToConsultation is not null).Select(c => c.DaysToConsultation!.Value).Order().ToArray();
        if (days.Length < SmallCellSuppression.Threshold)
        {
            return null;
        }

        var middle = days.Length / 2;
        var median = days.Length % 2 == 1 ? days[middle] : (days[middle - 1] + days[middle]) / 2;
        return Math.Round(median, 1);
    }

    /// <summary>Where each published count sits in the one list the suppression works on.</summary>
    private sealed record Layout(int MunicipalityRows, int PurposeRows, int Columns)
    {
        private int PurposeBase => MunicipalityRows * (Columns + 1);

        private int SharedBase => PurposeBase + (PurposeRows * (Columns + 1));

        public int Size => SharedBase + Columns + 1;

        public int Grand => SharedBase + Columns;

        public int MunicipalityCell(int row, int column) => (row * Columns) + column;

        public int MunicipalityTotal(int row) => (MunicipalityRows * Columns) + row;

        public int PurposeCell(int row, int column) => PurposeBase + (row * Columns) + column;

        public int PurposeTotal(int row) => PurposeBase + (PurposeRows * Columns) + row;

        public int ColumnTotal(int column) => SharedBase + column;

        public List<(int[] Plus, int[] Minus)> Equations()
        {
            var equations = new List<(int[], int[])>();
            Table(MunicipalityRows, MunicipalityCell, MunicipalityTotal, equations);
            Table(PurposeRows, PurposeCell, PurposeTotal, equations);
            equations.Add(([.. Enumerable.Range(0, Columns).Select(ColumnTotal)], [Grand]));
            return equations;
        }

        private void Table(int rows, Func<int, int, int> cell, Func<int, int> total, List<(int[], int[])> equations)
        {
            for (var r = 0; r < rows; r++)
            {
                equations.Add(([.. Enumerable.Range(0, Columns).Select(j => cell(r, j))], [total(r)]));
            }

            for (var j = 0; j < Columns; j++)
            {
                equations.Add(([.. Enumerable.Range(0, rows).Select(r => cell(r, j))], [ColumnTotal(j)]));
            }

            equations.Add(([.. Enumerable.Range(0, rows).Select(total)], [Grand]));
        }
    }
}
