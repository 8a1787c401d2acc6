using System.Text.RegularExpressions;
using Avz.Policy.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Avz.Policy.Loading;

/// <summary>Turns the YAML text of a policy into a <see cref="PolicyDocument"/>, reporting every structural finding.</summary>
internal static partial class PolicyReader
{
    internal const string DefaultTimeZone = "Europe/Amsterdam";

    /// <summary>The keys each mapping of the language takes; <c>policies/policy.schema.json</c> must list the same (a test checks).</summary>
    internal static class Keys
    {
        public static readonly string[] Top = ["convenant", "parties", "purposes", "categories", "rules", "escalation"];
        public static readonly string[] Escalation = ["id", "to", "after"];
        public static readonly string[] Convenant = ["id", "name", "signed", "version", "timeZone", "consentRecordedBy", "signalValidity"];
        public static readonly string[] Party = ["id", "name", "kind", "oin", "population"];
        public static readonly string[] Purpose = ["id", "description", "legalBasis", "processingActivity", "retention"];
        public static readonly string[] Category = ["id", "description", "sensitivity", "fields"];
        public static readonly string[] Field = ["id", "type", "values"];
        public static readonly string[] Rule = ["id", "purpose", "category", "suppliers", "recipients", "legalBasis", "ground", "fields", "requires", "emergency", "from", "until"];
    }

    public static PolicyDocument? Read(string text, ParseContext context)
    {
        var root = Parse(text, context);
        if (root is null)
        {
            return null;
        }

        var top = YamlMap.From(root, context, "The policy file", Keys.Top);
        if (top is null)
        {
            return null;
        }

        var convenantNode = top.Node("convenant", required: true);
        var convenant = convenantNode is { } c ? ReadConvenant(c, context) : null;
        var parties = ReadList(top, "parties", context, ReadParty);
        if (convenant is not null && convenantNode is not null)
        {
            convenant = ReadConsentRecorders(convenant, convenantNode, parties, context);
        }

        var purposes = ReadList(top, "purposes", context, ReadPurpose);
        var categories = ReadList(top, "categories", context, ReadCategory);
        var rules = ReadList(top, "rules", context, ReadRule);
        var escalation = ReadEscalation(top, parties, context);

        return convenant is null || context.HasErrors
            ? null
            : new PolicyDocument(convenant, parties, purposes, categories, rules) { Escalation = escalation };
    }

    internal static YamlNode? Parse(string text, ParseContext context)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            // The parser's message names the problem; the location comes from its mark, never from the text itself.
            context.Report(PolicyErrorCodes.Syntax, context.At(e.Start), $"The file is not valid YAML: {FirstSentence(e.Message)}");
            return null;
        }
        catch (ArgumentException)
        {
            // YamlDotNet's representation model refuses some parser events it does not expect inside a node (a
            // document marker in the middle of a collection, say) with an ArgumentException; found by fuzzing.
            context.Report(PolicyErrorCodes.Syntax, new SourceLocation(context.File, 1, 1), "The file is not valid YAML: the parser met a construct it cannot read (a document or stream marker inside a collection?).");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way at the end of input inside an unclosed flow collection or quote.
            var lines = text.Split('\n').Length;
            context.Report(PolicyErrorCodes.Syntax, new SourceLocation(context.File, lines, 1), "The file is not valid YAML: it ends inside an unclosed '{', '[' or quote.");
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            context.Report(
                PolicyErrorCodes.Syntax,
                new SourceLocation(context.File, 1, 1),
                stream.Documents.Count == 0 ? "The file is empty." : "The file must hold exactly one YAML document.");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    private static List<T> ReadList<T>(YamlMap map, string key, ParseContext context, Func<YamlNode, ParseContext, T?> read)
        where T : class
    {
        var result = new List<T>();
        foreach (var item in map.Sequence(key, required: true) ?? [])
        {
            if (read(item, context) is { } value)
            {
                result.Add(value);
            }
        }

        return result;
    }

    /// <summary>The escalation ladder: steps with unique ids, a known target, and deadlines that do not go back.</summary>
    private static List<EscalationStep> ReadEscalation(YamlMap top, List<PartyDefinition> parties, ParseContext context)
    {
        var steps = new List<EscalationStep>();
        foreach (var node in top.Sequence("escalation", required: false) ?? [])
        {
            var map = YamlMap.From(node, context, "An escalation step", Keys.Escalation);
            if (map is null)
            {
                continue;
            }

            var id = map.Id("id", required: true);
            var to = map.String("to", required: true);
            var afterText = map.String("after", required: true);
            if (id is null || to is null || afterText is null)
            {
                continue;
            }

            if (!RetentionPeriod.TryParse(afterText, out var after) && afterText != "P0D")
            {
                context.Report(PolicyErrorCodes.Escalation, map.LocationOf("after"), $"'after' of escalation step '{id}' must be an ISO 8601 period of years, months or days after the due date, such as P0D or P14D, not '{afterText}'.");
                continue;
            }

            if (to is not (EscalationStep.Owner or EscalationStep.DirectionHolder or EscalationStep.House) && !parties.Exists(p => p.Id == to))
            {
                context.Report(PolicyErrorCodes.Escalation, map.LocationOf("to"), $"Escalation step '{id}' goes to '{to}', which is neither owner, direction-holder, house nor a party declared under 'parties'.");
                continue;
            }

            if (steps.Exists(s => s.Id == id))
            {
                context.Report(PolicyErrorCodes.Escalation, map.LocationOf("id"), $"Escalation step '{id}' is declared twice.");
                continue;
            }

            var reference = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
            if (steps.Count > 0 && after.AddTo(reference) < steps[^1].After.AddTo(reference))
            {
                context.Report(PolicyErrorCodes.Escalation, map.LocationOf("after"), $"Escalation step '{id}' comes after '{steps[^1].Id}' and cannot be due before it; order the steps by 'after'.");
                continue;
            }

            steps.Add(new EscalationStep(id, to, after, map.Location));
        }

        return steps;
    }

    private static ConvenantInfo? ReadConvenant(YamlNode node, ParseContext context)
    {
        var map = YamlMap.From(node, context, "The convenant", Keys.Convenant);
        if (map is null)
        {
            return null;
        }

        var id = map.Id("id", required: true);
        var name = map.String("name", required: true);
        var signed = map.Date("signed", required: true);
        var version = map.String("version", required: true);
        var timeZone = map.String("timeZone", required: false) ?? DefaultTimeZone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            context.Report(
                PolicyErrorCodes.UnknownTimeZone,
                map.LocationOf("timeZone"),
                $"Time zone '{timeZone}' is not known on this system; use an IANA name such as {DefaultTimeZone}.");
            return null;
        }

        var validity = ConvenantInfo.DefaultSignalValidity;
        if (map.String("signalValidity", required: false) is { } validityText && !RetentionPeriod.TryParse(validityText, out validity))
        {
            context.Report(
                PolicyErrorCodes.InvalidValue,
                map.LocationOf("signalValidity"),
                $"'signalValidity' must be an ISO 8601 period of years, months or days, such as P2Y or P18M, not '{validityText}'.");
            return null;
        }

        return id is null || name is null || signed is null || version is null
            ? null
            : new ConvenantInfo(id, name, signed.Value, version, timeZone) { SignalValidity = validity };
    }

    /// <summary>Who may record consent: declared party ids and the words house and direction-holder.</summary>
    private static ConvenantInfo? ReadConsentRecorders(ConvenantInfo convenant, YamlNode node, List<PartyDefinition> parties, ParseContext context)
    {
        var map = YamlMap.From(node, context, "The convenant", Keys.Convenant);
        if (map?.Node("consentRecordedBy", required: false) is null)
        {
            return convenant;
        }

        var items = map.Scalars("consentRecordedBy", required: false) ?? [];
        if (items.Count == 0)
        {
            context.Report(PolicyErrorCodes.UnknownConsentRecorder, map.LocationOf("consentRecordedBy"), "'consentRecordedBy' must name at least one party, house or direction-holder.");
            return null;
        }

        foreach (var (text, location) in items)
        {
            if (text is not (ConvenantInfo.House or ConvenantInfo.DirectionHolder) && !parties.Exists(p => p.Id == text))
            {
                context.Report(PolicyErrorCodes.UnknownConsentRecorder, location, $"'consentRecordedBy' names '{text}', which is neither a party declared under 'parties' nor house or direction-holder.");
            }
        }

        return convenant with { ConsentRecordedBy = [.. items.Select(i => i.Text).Distinct(StringComparer.Ordinal)] };
    }

    private static PartyDefinition? ReadParty(YamlNode node, ParseContext context)
    {
        var map = YamlMap.From(node, context, "A party", Keys.Party);
        if (map is null)
        {
            return null;
        }

        var id = map.Id("id", required: true);
        var name = map.String("name", required: true);
        var kind = map.Enum<PartyKind>("kind", required: true, PolicyErrorCodes.UnknownKind);
        var oin = map.String("oin", required: false);
        if (oin is not null && !OinPattern().IsMatch(oin))
        {
            context.Report(PolicyErrorCodes.InvalidOin, map.LocationOf("oin"), $"The OIN of party '{id}' must be exactly 20 digits; quote it so YAML keeps it as text.");
        }

        var population = map.Integer("population", required: false);
        if (kind is { } k && (k == PartyKind.Municipality) != population.HasValue)
        {
            context.Report(
                PolicyErrorCodes.Population,
                population.HasValue ? map.LocationOf("population") : map.Location,
                k == PartyKind.Municipality
                    ? $"Municipality '{id}' needs its 'population' (inhabitants on 1 January)."
                    : $"Only municipalities have a 'population'; remove it from party '{id}' ({k.ToString().ToLowerInvariant()}).");
        }

        return id is null || name is null || kind is null ? null : new PartyDefinition(id, name, kind.Value, oin, population, map.Location);
    }

    private static PurposeDefinition? ReadPurpose(YamlNode node, ParseContext context)
    {
        var map = YamlMap.From(node, context, "A purpose", Keys.Purpose);
        if (map is null)
        {
            return null;
        }

        var id = map.Id("id", required: true);
        var description = map.String("description", required: true);
        var legalBasis = map.String("legalBasis", required: true);
        var activityText = map.String("processingActivity", required: true);
        Uri? activity = null;
        if (activityText is not null
            && (!Uri.TryCreate(activityText, UriKind.Absolute, out activity) || (activity.Scheme != Uri.UriSchemeHttps && activity.Scheme != "urn")))
        {
            context.Report(
                PolicyErrorCodes.InvalidValue,
                map.LocationOf("processingActivity"),
                $"'processingActivity' of purpose '{id}' must be an absolute https: or urn: URI into the register of processing activities.");
            activity = null;
        }

        var retentionText = map.String("retention", required: true);
        RetentionPeriod retention = default;
        if (retentionText is not null && !RetentionPeriod.TryParse(retentionText, out retention))
        {
            context.Report(
                PolicyErrorCodes.InvalidValue,
                map.LocationOf("retention"),
                $"'retention' of purpose '{id}' must be an ISO 8601 period of years, months or days, such as P2Y or P6M, not '{retentionText}'.");
            retentionText = null;
        }

        return id is null || description is null || legalBasis is null || activity is null || retentionText is null
            ? null
            : new PurposeDefinition(id, description, legalBasis, activity, retention, map.Location);
    }

    private static CategoryDefinition? ReadCategory(YamlNode node, ParseContext context)
    {
        var map = YamlMap.From(node, context, "A category", Keys.Category);
        if (map is null)
        {
            return null;
        }

        var id = map.Id("id", required: true);
        var description = map.String("description", required: true);
        var sensitivity = map.Enum<Sensitivity>("sensitivity", required: true);
        var fieldsNode = map.Node("fields", required: false);
        var fields = new List<FieldDefinition>();
        if (fieldsNode is YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            foreach (var item in sequence.Children)
            {
                if (ReadField(item, context) is { } field)
                {
                    fields.Add(field);
                }
            }
        }
        else if (fieldsNode is null or YamlSequenceNode)
        {
            context.Report(
                PolicyErrorCodes.CategoryWithoutFields,
                fieldsNode is null ? map.Location : context.At(fieldsNode),
                $"Category '{id}' declares no fields; list at least one under 'fields'.");
        }
        else
        {
            context.Report(PolicyErrorCodes.InvalidValue, fieldsNode, $"'fields' of category '{id}' must be a list.");
        }

        return id is null || description is null || sensitivity is null
            ? null
            : new CategoryDefinition(id, description, sensitivity.Value, fields, map.Location);
    }

    private static FieldDefinition? ReadField(YamlNode node, ParseContext context)
    {
        var map = YamlMap.From(node, context, "A field", Keys.Field);
        if (map is null)
        {
            return null;
        }

        var id = map.Id("id", required: true);
        var type = map.Enum<FieldType>("type", required: true);
        var values = map.Scalars("values", required: false);
        if (type == FieldType.Enum && values is not { Count: > 0 })
        {
            context.Report(PolicyErrorCodes.EnumValues, map.Location, $"Enum field '{id}' must list its allowed 'values'.");
        }
        else if (type is not null and not FieldType.Enum && values is not null)
        {
            context.Report(PolicyErrorCodes.EnumValues, map.LocationOf("values"), $"Field '{id}' is not an enum; remove its 'values' or make its type enum.");
        }

        return id is null || type is null ? null : new FieldDefinition(id, type.Value, values?.Select(v => v.Text).ToArray() ?? [], map.Location);
    }

    private static RuleDefinition? ReadRule(YamlNode node, ParseContext context)
    {
        var map = YamlMap.From(node, context, "A rule", Keys.Rule);
        if (map is null)
        {
            return null;
        }

        var id = map.Id("id", required: true);
        var purpose = map.Id("purpose", required: true);
        var category = map.Id("category", required: true);
        var suppliers = ReadSelectors(map, "suppliers", context);
        var recipients = ReadSelectors(map, "recipients", context);
        var legalBasis = map.String("legalBasis", required: false);
        var ground = map.String("ground", required: false);
        var fields = map.Scalars("fields", required: false)?.Select(f => f.Text).ToArray();
        var requiresConsent = map.Flag("requires", "consent");
        var emergency = map.Flag("emergency", "allowed");
        if (emergency && !requiresConsent)
        {
            context.Report(
                PolicyErrorCodes.EmergencyWithoutConsent,
                map.LocationOf("emergency"),
                $"Rule '{id}' allows emergency override but requires no consent; the override only stands in for missing consent, so add 'requires: consent' or remove 'emergency'.");
        }

        var from = map.Date("from", required: false);
        var until = map.Date("until", required: false);
        if (from is not null && until is not null && until < from)
        {
            context.Report(PolicyErrorCodes.InvalidPeriod, map.LocationOf("until"), $"Rule '{id}' ends ({until:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).");
        }

        return id is null || purpose is null || category is null || suppliers is null || recipients is null
            ? null
            : new RuleDefinition(id, purpose, category, suppliers, recipients, legalBasis, ground, fields, requiresConsent, emergency, from, until, map.Location);
    }

    private static List<PartySelector>? ReadSelectors(YamlMap map, string key, ParseContext context)
    {
        var items = map.Scalars(key, required: true);
        if (items is null)
        {
            return null;
        }

        var selectors = new List<PartySelector>(items.Count);
        foreach (var (text, location) in items)
        {
            if (text.StartsWith(PartySelector.KindPrefix, StringComparison.Ordinal))
            {
                var kindText = text[PartySelector.KindPrefix.Length..];
                if (YamlMap.TryParseEnum<PartyKind>(kindText, out var kind))
                {
                    selectors.Add(new PartySelector(null, kind, location));
                }
                else
                {
                    var kinds = string.Join(", ", Enum.GetNames<PartyKind>().Select(n => n.ToLowerInvariant()));
                    context.Report(PolicyErrorCodes.UnknownKind, location, $"'{text}' names no kind of party; the kinds are {kinds}.");
                }
            }
            else if (YamlMap.IdPattern().IsMatch(text))
            {
                selectors.Add(new PartySelector(text, null, location));
            }
            else
            {
                context.Report(PolicyErrorCodes.InvalidValue, location, $"'{text}' in '{key}' is neither a party id nor 'kind:<kind>'.");
            }
        }

        return selectors;
    }

    [GeneratedRegex("^[0-9]{20}$", RegexOptions.CultureInvariant)]
    private static partial Regex OinPattern();
}
