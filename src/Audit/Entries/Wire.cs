using System.Collections.Frozen;
using System.Text;

namespace Avz.Audit.Entries;

/// <summary>
/// The wire words of the entry vocabulary's closed sets, derived once from the enum names so code and leaf cannot
/// drift: kebab-case (<c>ConsentRequired</c> → <c>consent-required</c>), and for <see cref="EntryAction"/> the first
/// word, a dot, then the rest (<c>AuditReadEntry</c> → <c>audit.read-entry</c>). A test checks every word against
/// <c>src/Audit/README.md</c>.
/// </summary>
public static class Wire
{
    /// <summary>The wire word of a value.</summary>
    /// <typeparam name="T">One of the vocabulary's enums.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>Its word in the leaf.</returns>
    public static string Of<T>(T value)
        where T : struct, Enum => Words<T>.ByValue.TryGetValue(value, out var word) ? word : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a value of the closed set.");

    /// <summary>Reads a wire word.</summary>
    /// <typeparam name="T">One of the vocabulary's enums.</typeparam>
    /// <param name="word">The word.</param>
    /// <param name="value">The value, when the word is in the set.</param>
    /// <returns>Whether the word is in the set.</returns>
    public static bool TryParse<T>(string? word, out T value)
        where T : struct, Enum => Words<T>.ByWord.TryGetValue(word ?? "", out value);

    /// <summary>Every wire word of a closed set, in declaration order.</summary>
    /// <typeparam name="T">One of the vocabulary's enums.</typeparam>
    /// <returns>The words.</returns>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Words<T>.Ordered;

    private static string Derive(string name, bool dotted)
    {
        var text = new StringBuilder(name.Length + 4);
        var words = 0;
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsDigit(name[i - 1]))
            {
                text.Append(dotted && words == 0 ? '.' : '-');
                words++;
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private static class Words<T>
        where T : struct, Enum
    {
        public static readonly string[] Ordered = Enum.GetValues<T>().Select(v => Derive(v.ToString(), typeof(T) == typeof(EntryAction))).ToArray();

        public static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().Zip(Ordered).ToFrozenDictionary(p => p.First, p => p.Second);

        public static readonly FrozenDictionary<string, T> ByWord = Enum.GetValues<T>().Zip(Ordered).ToFrozenDictionary(p => p.Second, p => p.First, StringComparer.Ordinal);
    }
}
