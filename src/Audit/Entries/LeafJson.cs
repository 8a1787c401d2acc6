using System.Globalization;
using System.Text.Json;

namespace Avz.Audit.Entries;

/// <summary>
/// What both leaf versions read alike: the time format, member readers, and the decode that accepts a leaf only when
/// it re-encodes to exactly its own bytes (RFC 8785 canonical form).
/// </summary>
internal static class LeafJson
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string? text) =>
        DateTimeOffset.ParseExact(text ?? "", TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string? Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;

    /// <summary>A list member; absent reads as empty (a version that writes every list gets refused by the canonical check).</summary>
    public static string[] Strings(JsonElement root, string name) => List(root, name, e => e.GetString()!);

    public static T[] List<T>(JsonElement root, string name, Func<JsonElement, T> read) =>
        root.TryGetProperty(name, out var array) ? array.EnumerateArray().Select(read).ToArray() : [];

    /// <summary>Parses a leaf of one version, reads it, and accepts it only if it re-encodes byte for byte.</summary>
    public static bool TryDecode<T>(ReadOnlySpan<byte> leaf, int version, Func<JsonElement, T> read, Func<T, byte[]> encode, out T? entry, out string? problem)
        where T : class
    {
        entry = null;
        try
        {
            using var document = JsonDocument.Parse(leaf.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var found) || found != version)
            {
                problem = $"not a version {version} access-log leaf";
                return false;
            }

            entry = read(root);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            entry = null;
            problem = $"not a well-formed version {version} access-log leaf";
            return false;
        }

        if (!encode(entry).AsSpan().SequenceEqual(leaf))
        {
            entry = null;
            problem = "not in canonical form (RFC 8785)";
            return false;
        }

        problem = null;
        return true;
    }
}
