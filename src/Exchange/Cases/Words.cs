using System.Collections.Concurrent;
using System.Text;

namespace Avz.Exchange.Cases;

/// <summary>
/// The texts of the direct reads' vocabulary columns (parties, purposes, categories, field names, statuses, convenants),
/// one string each for the process. The information request read a fresh string for each of them on every row; issue
/// 16's allocation profile put strings at a fifth of the request's garbage, most of them these words. Only names that
/// the convenant policies define go through here, never a value, a pseudonym or a person's identifier.
/// </summary>
/// <remarks>
/// Bounded: once <see cref="MaxWords"/> are known, a new text is read as a fresh string, as before. A text longer than
/// <see cref="MaxBytes"/> is not a word and is never kept.
/// </remarks>
internal static class Words
{
    /// <summary>The most words kept; the demo convenant has about a hundred.</summary>
    public const int MaxWords = 4096;

    /// <summary>The longest text, in UTF-8 bytes, taken for a word.</summary>
    public const int MaxBytes = 128;

    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByChars = Known.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int count;

    /// <summary>The string of a word's UTF-8 bytes: the one kept for it, or a fresh one.</summary>
    /// <param name="utf8">The bytes, as SQLite holds them.</param>
    /// <returns>The text, decoded as <see cref="Encoding.UTF8"/> decodes it.</returns>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[MaxBytes];
        var text = chars[..Encoding.UTF8.GetChars(utf8, chars)];
        if (ByChars.TryGetValue(text, out var known))
        {
            return known;
        }

        var fresh = new string(text);
        if (Volatile.Read(ref count) >= MaxWords || !Known.TryAdd(fresh, fresh))
        {
            return Known.TryGetValue(fresh, out known) ? known : fresh;
        }

        Interlocked.Increment(ref count);
        return fresh;
    }
}
