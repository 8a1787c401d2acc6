using System.Reflection;
using Avz.Audit;
using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Api.Policies;
using Avz.Identity;

namespace Avz.Exchange.Api.Tests;

/// <summary>The README's configuration table names every setting the gateway's options classes read, and no other.</summary>
public sealed class ConfigurationTableTests
{
    private static readonly (string Section, Type Options)[] Sections =
    [
        (StorageOptions.SectionName, typeof(StorageOptions)),
        (PolicyOptions.SectionName, typeof(PolicyOptions)),
        (DatabaseOptions.SectionName, typeof(DatabaseOptions)),
        (AccessLogOptions.SectionName, typeof(AccessLogOptions)),
        (KeyEncryptionOptions.SectionName, typeof(KeyEncryptionOptions)),
        (PartnerIdentityOptions.SectionName, typeof(PartnerIdentityOptions)),
        (RequestLimitOptions.SectionName, typeof(RequestLimitOptions)),
        (RetentionOptions.SectionName, typeof(RetentionOptions)),
        (WebhookOptions.SectionName, typeof(WebhookOptions)),
        (ApiDocumentOptions.SectionName, typeof(ApiDocumentOptions)),
        (Avz.Audit.Review.ReviewOptions.SectionName, typeof(Avz.Audit.Review.ReviewOptions)),
        (Avz.Exchange.Portal.PortalOptions.SectionName, typeof(Avz.Exchange.Portal.PortalOptions)),
    ];

    private static readonly string Table = ReadTable();

    public static TheoryData<string> Settings()
    {
        var data = new TheoryData<string>();
        foreach (var (section, options) in Sections)
        {
            foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                data.Add($"{section}:{property.Name}");
            }
        }

        // Read when the host is built, from two sections of their own (ObservabilityOptions.From).
        data.Add("Seq:ServerUrl");
        data.Add("OpenTelemetry:OtlpEndpoint");
        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void EverySetting_IsInTheReadmeTable(string setting) =>
        Assert.True(Table.Contains($"`{setting}`", StringComparison.Ordinal), $"README.md's configuration table does not list {setting}");

    [Fact]
    public void TheTable_ListsNoSettingNobodyReads()
    {
        var known = Settings().Select(row => (string)row.Data).ToHashSet(StringComparer.Ordinal);
        var listed = System.Text.RegularExpressions.Regex.Matches(Table, "`([A-Za-z]+:[A-Za-z]+)`").Select(m => m.Groups[1].Value)
            .Where(s => !s.StartsWith("Kestrel:", StringComparison.Ordinal));
        Assert.All(listed, s => Assert.Contains(s, known));
    }

    private static string ReadTable()
    {
        var readme = File.ReadAllText(Path.Combine(Avz.Testing.RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf("## Configure it", StringComparison.Ordinal);
        return readme[start..readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal)];
    }
}
