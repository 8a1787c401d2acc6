using System.Globalization;
using System.Text;

namespace Avz.Audit.Tiles;

/// <summary>The geometry of c2sp.org/tlog-tiles: tiles of height 8, 256 hashes wide.</summary>
public static class TileMath
{
    /// <summary>Tile height: a tile at level L holds hashes of tree level 8·L.</summary>
    public const int Height = 8;

    /// <summary>Hashes in a full tile.</summary>
    public const int Width = 1 << Height;

    /// <summary>How many full tiles level <paramref name="level"/> has in a tree of <paramref name="size"/> leaves.</summary>
    /// <param name="size">Tree size.</param>
    /// <param name="level">Tile level.</param>
    /// <returns>The count.</returns>
    public static long FullTiles(long size, int level) => size >> (Height * (level + 1));

    /// <summary>How many hashes the partial (rightmost, incomplete) tile of a level holds; 0 when there is none.</summary>
    /// <param name="size">Tree size.</param>
    /// <param name="level">Tile level.</param>
    /// <returns>The width.</returns>
    public static int PartialWidth(long size, int level) => (int)((size >> (Height * level)) & (Width - 1));

    /// <summary>The tlog-tiles path of a tile: <c>tile/L/N</c> or <c>tile/L/N.p/W</c>, with N in groups of three digits.</summary>
    /// <param name="level">Tile level, or -1 for an entry bundle (<c>tile/entries/N</c>).</param>
    /// <param name="index">Tile index.</param>
    /// <param name="width">Width; below 256 adds <c>.p/W</c>.</param>
    /// <returns>The path.</returns>
    public static string Path(int level, long index, int width)
    {
        var path = new StringBuilder("tile/").Append(level < 0 ? "entries" : level.ToString(CultureInfo.InvariantCulture)).Append('/');
        var digits = index.ToString(CultureInfo.InvariantCulture);
        digits = digits.PadLeft((digits.Length + 2) / 3 * 3, '0');
        for (var i = 0; i < digits.Length; i += 3)
        {
            path.Append(i + 3 < digits.Length ? "x" : "").Append(digits, i, 3).Append(i + 3 < digits.Length ? "/" : "");
        }

        return width < Width ? path.Append(".p/").Append(width.ToString(CultureInfo.InvariantCulture)).ToString() : path.ToString();
    }

    /// <summary>Parses a tile path back into level (-1 for entries), index and width.</summary>
    /// <param name="path">The path after the log's prefix.</param>
    /// <param name="tile">Level, index and width when valid.</param>
    /// <returns>Whether the path is a valid tile path.</returns>
    public static bool TryParsePath(string path, out (int Level, long Index, int Width) tile)
    {
        tile = default;
        var parts = (path ?? "").Split('/');
        if (parts.Length < 3 || parts[0] != "tile")
        {
            return false;
        }

        var groups = parts[2..];
        var width = Width;
        if (groups.Length >= 2 && groups[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!int.TryParse(groups[^1], NumberStyles.None, CultureInfo.InvariantCulture, out width) || width is < 1 or >= Width || groups[^1][0] == '0')
            {
                return false;
            }

            groups = groups[..^1];
            groups[^1] = groups[^1][..^2];
        }

        long index = 0;
        for (var i = 0; i < groups.Length; i++)
        {
            var expectX = i < groups.Length - 1;
            if (expectX != groups[i].StartsWith('x'))
            {
                return false;
            }

            var number = expectX ? groups[i][1..] : groups[i];
            if (number.Length != 3 || !number.All(char.IsAsciiDigit))
            {
                return false;
            }

            index = checked((index * 1000) + int.Parse(number, CultureInfo.InvariantCulture));
        }

        int level;
        if (parts[1] == "entries")
        {
            level = -1;
        }
        else if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out level) || level > 63 || (parts[1].Length > 1 && parts[1][0] == '0'))
        {
            return false;
        }

        tile = (level, index, width);
        return true;
    }
}
