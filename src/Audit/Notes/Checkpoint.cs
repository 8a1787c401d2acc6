using System.Globalization;

namespace Avz.Audit.Notes;

/// <summary>
/// A checkpoint in the c2sp.org/tlog-checkpoint format: origin line, tree size in decimal, base64 root hash, each
/// ending in a newline. Signed as a C2SP signed note by the log's key.
/// </summary>
/// <param name="Origin">The log's unique name.</param>
/// <param name="Size">The tree size.</param>
/// <param name="RootHash">The RFC 9162 root hash of the first <paramref name="Size"/> entries.</param>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash)
{
    /// <summary>The note text this checkpoint signs.</summary>
    /// <returns>Three lines.</returns>
    public string ToText() => $"{Origin}\n{Size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(RootHash)}\n";

    /// <summary>Parses a checkpoint text (the body of a signed note); extension lines after the root are allowed and ignored.</summary>
    /// <param name="text">The text.</param>
    /// <param name="checkpoint">The checkpoint, when the text is valid.</param>
    /// <returns>Whether the text is a valid checkpoint.</returns>
    public static bool TryParse(string text, out Checkpoint? checkpoint)
    {
        checkpoint = null;
        var lines = text?.Split('\n') ?? [];
        if (lines.Length < 4 || lines[^1].Length != 0 || lines[0].Length == 0)
        {
            return false;
        }

        // Decimal without sign or leading zeros (tlog-checkpoint).
        var sizeText = lines[1];
        if (sizeText.Length == 0 || sizeText.Length > 19 || !sizeText.All(char.IsAsciiDigit) || (sizeText.Length > 1 && sizeText[0] == '0')
            || !long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return false;
        }

        if (!CanonicalBase64.TryDecode(lines[2], out var root) || root.Length != Merkle.MerkleHash.Size)
        {
            return false;
        }

        checkpoint = new Checkpoint(lines[0], size, root);
        return true;
    }
}
