using System.Globalization;
using System.Text.RegularExpressions;
using Avz.Policy.Model;
using YamlDotNet.RepresentationModel;

namespace Avz.Policy.Loading;

/// <summary>
/// Reads one YAML mapping of a policy file: typed getters that report a precise finding instead of throwing, and a
/// check that every key is one the language knows, so a misspelt key is an error rather than a silently ignored grant.
/// </summary>
internal sealed partial class YamlMap
{
    private readonly YamlMappingNode node;
    private readonly ParseContext context;
    private readonly string what;

    private YamlMap(YamlMappingNode node, ParseContext context, string what)
    {
        this.node = node;
        this.context = context;
        this.what = what;
    }

    public SourceLocation Location => context.At(node);

    /// <summary>Wraps a node that must be a mapping; reports and returns null otherwise.</summary>
    public static YamlMap? From(YamlNode value, ParseContext context, string what, params string[] knownKeys)
    {
        if (value is not YamlMappingNode mapping)
        {
            context.Report(PolicyErrorCodes.InvalidValue, value, $"{what} must be a mapping of keys to values.");
            return null;
        }

        var map = new YamlMap(mapping, context, what);
        foreach (var key in mapping.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !knownKeys.Contains(name, StringComparer.Ordinal))
            {
                context.Report(
                    PolicyErrorCodes.UnknownKey,
                    key,
                    $"{what} has no key '{name}'; the keys it takes are: {string.Join(", ", knownKeys)}.");
            }
        }

        return map;
    }

    public YamlNode? Node(string key, bool required)
    {
        if (node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value))
        {
            return value;
        }

        if (required)
        {
            context.Report(PolicyErrorCodes.MissingKey, node, $"{what} needs '{key}'.");
        }

        return null;
    }

    public SourceLocation LocationOf(string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? context.At(value) : Location;

    public string? String(string key, bool required)
    {
        if (Node(key, required) is not { } value)
        {
            return null;
        }

        if (value is YamlScalarNode { Value: { } text } && text.Trim().Length > 0)
        {
            return text.Trim();
        }

        context.Report(
            value is YamlScalarNode ? PolicyErrorCodes.MissingKey : PolicyErrorCodes.InvalidValue,
            value,
            $"'{key}' of {what} must be a non-empty text.");
        return null;
    }

    public string? Id(string key, bool required)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (!IdPattern().IsMatch(text))
        {
            context.Report(
                PolicyErrorCodes.InvalidValue,
                LocationOf(key),
                $"'{text}' is not a valid id: use lowercase letters, digits and hyphens, starting with a letter or digit.");
            return null;
        }

        return text;
    }

    public DateOnly? Date(string key, bool required)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        context.Report(PolicyErrorCodes.InvalidValue, LocationOf(key), $"'{key}' must be a date as yyyy-MM-dd, not '{text}'.");
        return null;
    }

    public int? Integer(string key, bool required)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        context.Report(PolicyErrorCodes.InvalidValue, LocationOf(key), $"'{key}' must be a whole number of zero or more, not '{text}'.");
        return null;
    }

    /// <summary>A key that may only hold one word; absence is the default.</summary>
    public bool Flag(string key, string word)
    {
        var text = String(key, required: false);
        if (text is null)
        {
            return false;
        }

        if (string.Equals(text, word, StringComparison.Ordinal))
        {
            return true;
        }

        context.Report(PolicyErrorCodes.InvalidValue, LocationOf(key), $"'{key}' can only be '{word}' (or left out), not '{text}'.");
        return false;
    }

    public TEnum? Enum<TEnum>(string key, bool required, string code = PolicyErrorCodes.InvalidValue)
        where TEnum : struct, System.Enum
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (TryParseEnum<TEnum>(text, out var value))
        {
            return value;
        }

        var names = string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));
        context.Report(code, LocationOf(key), $"'{key}' must be one of {names}, not '{text}'.");
        return null;
    }

    public static bool TryParseEnum<TEnum>(string text, out TEnum value)
        where TEnum : struct, System.Enum
    {
        // Only the lowercase spelling is the language; 'Special' or '1' are refused.
        value = default;
        return text.All(char.IsAsciiLetterLower)
            && System.Enum.TryParse(text, ignoreCase: true, out value)
            && System.Enum.IsDefined(value);
    }

    /// <summary>The items of a sequence; a single scalar where a list is expected is refused.</summary>
    public IReadOnlyList<YamlNode>? Sequence(string key, bool required)
    {
        if (Node(key, required) is not { } value)
        {
            return null;
        }

        if (value is YamlSequenceNode sequence)
        {
            if (sequence.Children.Count == 0 && required)
            {
                context.Report(PolicyErrorCodes.MissingKey, value, $"'{key}' of {what} must list at least one item.");
                return null;
            }

            return sequence.Children.ToArray();
        }

        context.Report(PolicyErrorCodes.InvalidValue, value, $"'{key}' of {what} must be a list ([a, b] or one '- item' per line).");
        return null;
    }

    /// <summary>The scalar items of a sequence; other items are reported and skipped.</summary>
    public List<(string Text, SourceLocation Location)>? Scalars(string key, bool required)
    {
        var items = Sequence(key, required);
        if (items is null)
        {
            return null;
        }

        var result = new List<(string, SourceLocation)>(items.Count);
        foreach (var item in items)
        {
            if (item is YamlScalarNode { Value: { } text } && text.Trim().Length > 0)
            {
                result.Add((text.Trim(), context.At(item)));
            }
            else
            {
                context.Report(PolicyErrorCodes.InvalidValue, item, $"Each item of '{key}' must be a single value.");
            }
        }

        return result;
    }

    private static bool IsNull(YamlNode value) =>
        value is YamlScalarNode scalar
        && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain
        && (scalar.Value is null or "" or "~" or "null");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    internal static partial Regex IdPattern();
}
