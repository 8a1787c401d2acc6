using System.Security.Cryptography;
using System.Text.Json;
using Avz.Policy.Model;

namespace Avz.Policy.Compilation;

/// <summary>
/// The canonical form of a policy: its meaning as compact JSON with a fixed key order, independent of comments,
/// layout, quoting and key order in the YAML. The policy version hash is SHA-256 over these bytes, so two files that
/// say the same thing have the same version and any change of meaning changes it.
/// </summary>
internal static class PolicyCanonicalizer
{
    /// <summary>Version of the canonical form; bump it when the form changes, so old and new hashes never collide.</summary>
    private const string FormVersion = "avz-policy-canonical/1";

    public static string Hash(PolicyDocument document) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Canonicalize(document)));

    public static byte[] Canonicalize(PolicyDocument document)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("form", FormVersion);
            var c = document.Convenant;
            json.WriteStartObject("convenant");
            json.WriteString("id", c.Id);
            json.WriteString("name", c.Name);
            json.WriteString("signed", Date(c.SignedOn));
            json.WriteString("version", c.Version);
            json.WriteString("timeZone", c.TimeZone);
            json.WriteStartArray("consentRecordedBy");
            foreach (var recorder in c.ConsentRecordedBy.Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(recorder);
            }

            json.WriteEndArray();

            // Only when it differs from the default, so versions stored before the key existed keep their hash.
            if (c.SignalValidity != ConvenantInfo.DefaultSignalValidity)
            {
                json.WriteString("signalValidity", c.SignalValidity.ToString());
            }

            json.WriteEndObject();

            WriteArray(json, "parties", document.Parties, (w, p) =>
            {
                w.WriteString("id", p.Id);
                w.WriteString("name", p.Name);
                w.WriteString("kind", Lower(p.Kind));
                WriteOptional(w, "oin", p.Oin);
                if (p.Population is { } population)
                {
                    w.WriteNumber("population", population);
                }
            });
            WriteArray(json, "purposes", document.Purposes, (w, p) =>
            {
                w.WriteString("id", p.Id);
                w.WriteString("description", p.Description);
                w.WriteString("legalBasis", p.LegalBasis);
                w.WriteString("processingActivity", p.ProcessingActivity.OriginalString);
                w.WriteString("retention", p.Retention.ToString());
            });
            WriteArray(json, "categories", document.Categories, (w, category) =>
            {
                w.WriteString("id", category.Id);
                w.WriteString("description", category.Description);
                w.WriteString("sensitivity", Lower(category.Sensitivity));
                WriteArray(w, "fields", category.Fields, (f, field) =>
                {
                    f.WriteString("id", field.Id);
                    f.WriteString("type", Lower(field.Type));
                    WriteStrings(f, "values", field.Values);
                });
            });
            WriteArray(json, "rules", document.Rules, (w, r) =>
            {
                w.WriteString("id", r.Id);
                w.WriteString("purpose", r.Purpose);
                w.WriteString("category", r.Category);
                WriteStrings(w, "suppliers", r.Suppliers.Select(s => s.ToString()).ToArray());
                WriteStrings(w, "recipients", r.Recipients.Select(s => s.ToString()).ToArray());
                WriteOptional(w, "legalBasis", r.LegalBasis);
                WriteOptional(w, "ground", r.Ground);
                if (r.Fields is not null)
                {
                    WriteStrings(w, "fields", r.Fields);
                }

                w.WriteBoolean("requiresConsent", r.RequiresConsent);
                w.WriteBoolean("emergencyAllowed", r.EmergencyAllowed);
                WriteOptional(w, "from", r.From is { } from ? Date(from) : null);
                WriteOptional(w, "until", r.Until is { } until ? Date(until) : null);
            });

            // Only when declared, so versions stored before the key existed keep their hash.
            if (document.Escalation.Count > 0)
            {
                WriteArray(json, "escalation", document.Escalation, (w, step) =>
                {
                    w.WriteString("id", step.Id);
                    w.WriteString("to", step.To);
                    w.WriteString("after", step.After == default ? "P0D" : step.After.ToString());
                });
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Lower<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteArray<T>(Utf8JsonWriter json, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            write(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
