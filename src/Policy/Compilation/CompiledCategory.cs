using System.Collections.Frozen;
using Avz.Policy.Model;

namespace Avz.Policy.Compilation;

/// <summary>A category with its fields numbered, so a set of fields is one 64-bit mask.</summary>
internal sealed class CompiledCategory
{
    public CompiledCategory(CategoryDefinition definition)
    {
        Definition = definition;
        FieldIds = definition.Fields.Select(f => f.Id).ToArray();
        FieldIndex = FieldIds.Select((id, i) => (id, i)).ToFrozenDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        AllFields = FieldIds.Length == 64 ? ulong.MaxValue : (1UL << FieldIds.Length) - 1;
    }

    public CategoryDefinition Definition { get; }

    public string Id => Definition.Id;

    public string[] FieldIds { get; }

    public FrozenDictionary<string, int> FieldIndex { get; }

    public ulong AllFields { get; }

    public ulong MaskOf(IReadOnlyList<string>? fields)
    {
        if (fields is null)
        {
            return AllFields;
        }

        var mask = 0UL;
        for (var i = 0; i < fields.Count; i++)
        {
            mask |= 1UL << FieldIndex[fields[i]];
        }

        return mask;
    }
}
