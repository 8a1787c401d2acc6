namespace Avz.Audit.Entries;

/// <summary>The members of a JSON object, kept in RFC 8785 order: by the UTF-16 code units of their names.</summary>
internal sealed class SortedMembers : SortedDictionary<string, object?>
{
    public SortedMembers()
        : base(StringComparer.Ordinal)
    {
    }
}
