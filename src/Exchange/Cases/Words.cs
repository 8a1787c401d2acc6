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

    private static readonly ConcurrentDictionary<byte[], string> Known = new(Utf8Comparer.Instance);
    private static readonly ConcurrentDictionary<byte[], string>.AlternateLookup<ReadOnlySpan<byte>> ByBytes = Known.GetAlternateLookup<ReadOnlySpan<byte>>();
    private static int count;

    /// <summary>Slots of <see cref="recent"/>: a power of two, a few times the words of one answer.</summary>
    private const int RecentSlots = 256;

    /// <summary>Per thread, the word last found in each slot (<see cref="SlotOf"/>); kept words only.</summary>
    [ThreadStatic]
    private static string?[]? recent;

    /// <summary>The string of a word's UTF-8 bytes: the one kept for it, or a fresh one.</summary>
    /// <param name="utf8">The bytes, as SQLite holds them.</param>
    /// <returns>The text, decoded as <see cref="Encoding.UTF8"/> decodes it.</returns>
    /// <remarks>Looked up by the bytes themselves: a known word is not decoded again (issue 16's profile had the decode at 1 %).</remarks>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes || utf8.IsEmpty)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        // This thread's last word in the word's slot, compared byte by byte: the shared table's hash over every byte
        // and its calls through the comparer's interface were 1.3 % of the information request's CPU in issue 16's
        // twentieth profile (a call per word column of every row). A match means the bytes are ASCII and the string's
        // characters, so the string is what decoding them gives.
        var slots = recent ??= new string?[RecentSlots];
        ref var slot = ref slots[SlotOf(utf8)];
        if (slot is { } last && Ascii.Equals(utf8, last))
        {
            return last;
        }

        if (ByBytes.TryGetValue(utf8, out var known))
        {
            slot = known;
            return known;
        }

        var fresh = Encoding.UTF8.GetString(utf8);
        if (Volatile.Read(ref count) >= MaxWords || !Known.TryAdd(utf8.ToArray(), fresh))
        {
            return ByBytes.TryGetValue(utf8, out known) ? known : fresh;
        }

        Interlocked.Increment(ref count);
        return fresh;
    }

    /// <summary>A word's slot in <see cref="recent"/>, from its length and three of its bytes (a miss costs only the shared table's look-up).</summary>
    private static int SlotOf(ReadOnlySpan<byte> utf8) =>
        (int)((uint)((utf8.Length * 31) ^ utf8[0] ^ (utf8[utf8.Length / 2] << 3) ^ (utf8[^1] << 5)) % RecentSlots);

    /// <summary>Byte-wise equality of UTF-8 texts, with a lookup by span; the hash is the runtime's seeded one.</summary>
    private sealed class Utf8Comparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly Utf8Comparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
