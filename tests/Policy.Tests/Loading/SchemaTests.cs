using System.Text.Json;
using Avz.Policy.Loading;
using Avz.Policy.Model;

namespace Avz.Policy.Tests.Loading;

/// <summary>The JSON Schema editors use must describe the same language the loader reads.</summary>
public sealed class SchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestFiles.RepositoryRoot, "policies", "policy.schema.json"))).RootElement;

    public static TheoryData<string, string[]> Sections() => new()
    {
        { "", PolicyReader.Keys.Top },
        { "convenant", PolicyReader.Keys.Convenant },
        { "parties", PolicyReader.Keys.Party },
        { "purposes", PolicyReader.Keys.Purpose },
        { "categories", PolicyReader.Keys.Category },
        { "categories/fields", PolicyReader.Keys.Field },
        { "rules", PolicyReader.Keys.Rule },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Schema_ListsExactlyTheKeysTheLoaderTakes(string path, string[] keys)
    {
        var node = Schema;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.GetProperty("properties").GetProperty(part);
            if (node.GetProperty("type").GetString() == "array")
            {
                node = node.GetProperty("items");
            }
        }

        Assert.False(node.GetProperty("additionalProperties").GetBoolean());
        var properties = node.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(keys.Order(StringComparer.Ordinal), properties);
    }

    [Fact]
    public void Schema_EnumsMatchTheLanguage()
    {
        Assert.Equal(Words<PartyKind>(), Strings(Schema.GetProperty("$defs").GetProperty("kind").GetProperty("enum")));
        var category = Schema.GetProperty("properties").GetProperty("categories").GetProperty("items").GetProperty("properties");
        Assert.Equal(Words<Sensitivity>(), Strings(category.GetProperty("sensitivity").GetProperty("enum")));
        Assert.Equal(Words<FieldType>(), Strings(category.GetProperty("fields").GetProperty("items").GetProperty("properties").GetProperty("type").GetProperty("enum")));
    }

    private static string[] Words<TEnum>()
        where TEnum : struct, Enum => Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToArray();

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
