namespace Avz.Exchange.House;

/// <summary>
/// Statistical disclosure control for the trend tables: primary suppression hides every count from 1 to 4 (shown as
/// <c>&lt;5</c>); secondary suppression then hides further counts until no hidden count can be recomputed from the
/// published ones. The published numbers are linear equations (each row's cells sum to its total, each column's to
/// its total, the totals to the grand total, and tables over the same cases share their column totals); a hidden
/// count is recoverable exactly when its unit vector lies in the row space of those equations restricted to the hidden
/// counts. That is decided by Gaussian elimination, so patterns a line-by-line rule misses (a hidden count that is a
/// bridge between two otherwise safe groups) are caught too.
/// </summary>
/// <remarks>
/// Complements are chosen cheapest first: an inner count before a total, a non-zero count before a zero, a small
/// count before a large one; a count that makes the recoverable one safe on its own is preferred to any that does not. The
/// tables here are small (a dozen rows, five columns), so the elimination runs a few hundred times per report at most.
/// </remarks>
internal static class SmallCellSuppression
{
    /// <summary>Counts below this and above zero are hidden.</summary>
    public const int Threshold = 5;

    /// <summary>Decides which counts to hide.</summary>
    /// <param name="values">Every published count.</param>
    /// <param name="isTotal">Per count, whether it is a total (hidden only when no inner count will do).</param>
    /// <param name="equations">Each equation: the counts with +1 on one side and −1 on the other (sum of plus = sum of minus).</param>
    /// <returns>Per count: <see cref="Hidden.None"/>, <see cref="Hidden.Small"/> or <see cref="Hidden.Complement"/>.</returns>
    public static Hidden[] Suppress(IReadOnlyList<int> values, IReadOnlyList<bool> isTotal, IReadOnlyList<(int[] Plus, int[] Minus)> equations)
    {
        var hidden = new Hidden[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            hidden[i] = values[i] is > 0 and < Threshold ? Hidden.Small : Hidden.None;
        }

        while (Recoverable(hidden, equations).FirstOrDefault(-1) is var exposed and >= 0)
        {
            var shown = Enumerable.Range(0, values.Count).Where(i => hidden[i] == Hidden.None).OrderBy(i => Cost(values[i], isTotal[i])).ThenBy(i => i).ToList();
            var neighbours = equations
                .Where(e => e.Plus.Contains(exposed) || e.Minus.Contains(exposed))
                .SelectMany(e => e.Plus.Concat(e.Minus))
                .ToHashSet();

            // The cheapest count whose hiding makes the exposed one safe; when no single count does, the cheapest count
            // in one of its equations (every count in them may be hidden already: then the cheapest anywhere), and look again.
            var chosen = shown.FirstOrDefault(c => Fixes(hidden, equations, exposed, c), -1);
            if (chosen < 0)
            {
                chosen = shown.FirstOrDefault(neighbours.Contains, shown[0]);
            }

            hidden[chosen] = Hidden.Complement;
        }

        return hidden;
    }

    /// <summary>The hidden counts that the equations determine, given every count not hidden.</summary>
    public static IEnumerable<int> Recoverable(IReadOnlyList<Hidden> hidden, IReadOnlyList<(int[] Plus, int[] Minus)> equations)
    {
        var unknowns = Enumerable.Range(0, hidden.Count).Where(i => hidden[i] != Hidden.None).ToArray();
        if (unknowns.Length == 0)
        {
            return [];
        }

        var column = new Dictionary<int, int>();
        for (var c = 0; c < unknowns.Length; c++)
        {
            column[unknowns[c]] = c;
        }

        var rows = new List<double[]>();
        foreach (var (plus, minus) in equations)
        {
            var row = new double[unknowns.Length];
            var any = false;
            foreach (var i in plus)
            {
                if (column.TryGetValue(i, out var c))
                {
                    row[c] += 1;
                    any = true;
                }
            }

            foreach (var i in minus)
            {
                if (column.TryGetValue(i, out var c))
                {
                    row[c] -= 1;
                    any = true;
                }
            }

            if (any)
            {
                rows.Add(row);
            }
        }

        // Reduced row echelon form; an unknown is determined when its pivot row has no other non-zero entry.
        var pivotRowOf = new int[unknowns.Length];
        Array.Fill(pivotRowOf, -1);
        var rank = 0;
        for (var c = 0; c < unknowns.Length && rank < rows.Count; c++)
        {
            var pivot = -1;
            for (var r = rank; r < rows.Count; r++)
            {
                if (Math.Abs(rows[r][c]) > 1e-9)
                {
                    pivot = r;
                    break;
                }
            }

            if (pivot < 0)
            {
                continue;
            }

            (rows[rank], rows[pivot]) = (rows[pivot], rows[rank]);
            var scale = rows[rank][c];
            for (var k = 0; k < unknowns.Length; k++)
            {
                rows[rank][k] /= scale;
            }

            for (var r = 0; r < rows.Count; r++)
            {
                if (r != rank && Math.Abs(rows[r][c]) > 1e-9)
                {
                    var factor = rows[r][c];
                    for (var k = 0; k < unknowns.Length; k++)
                    {
                        rows[r][k] -= factor * rows[rank][k];
                    }
                }
            }

            pivotRowOf[c] = rank++;
        }

        var determined = new List<int>();
        for (var c = 0; c < unknowns.Length; c++)
        {
            if (pivotRowOf[c] >= 0 && rows[pivotRowOf[c]].Select((v, k) => k == c || Math.Abs(v) < 1e-9).All(ok => ok))
            {
                determined.Add(unknowns[c]);
            }
        }

        return determined;
    }

    private static bool Fixes(Hidden[] hidden, IReadOnlyList<(int[] Plus, int[] Minus)> equations, int exposed, int candidate)
    {
        hidden[candidate] = Hidden.Complement;
        try
        {
            return !Recoverable(hidden, equations).Contains(exposed);
        }
        finally
        {
            hidden[candidate] = Hidden.None;
        }
    }

    private static long Cost(int value, bool isTotal) => (isTotal ? 1_000_000_000L : 0) + (value == 0 ? 100_000_000L : value);
}
