using System.Net;
using System.Text.Json;
using Avz.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Exchange.Api.Tests.Cases;

/// <summary>
/// The subject's BSN and the registration reason are governed by the policy's reserved <c>registration</c> category,
/// like every other field: withheld with a reason where no rule grants them, and recorded in the call's entry.
/// </summary>
public sealed class RegistrationDataTests
{
    private const string Bsn = "111222333";

    [Fact]
    public async Task WithoutARegistrationCategory_OnlyTheRegisteringPartySeesTheBsnAndReason()
    {
        var policies = Directory.CreateTempSubdirectory("avz-policies-");
        try
        {
            File.WriteAllText(Path.Combine(policies.FullName, "avz-groningen.yaml"), WithoutRegistration(File.ReadAllText(Path.Combine(Avz.Testing.RepositoryPaths.Root, "policies", "avz-groningen.yaml"))));
            await using var factory = new GatewayFactory(new() { ["Policies:Directory"] = policies.FullName });
            using var client = factory.CreateClient();
            var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "casemanager-12", "casemanager");
            var house = await PartnerSystem.RegisterAsync(factory, client, "avz", "procesregisseur-3", "procesregisseur");

            var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = Bsn, reason = "Zorgen" }), HttpStatusCode.Created);
            Assert.Equal(Bsn, registered.GetProperty("subject").GetString());
            Assert.Empty(registered.GetProperty("withheld").EnumerateArray());
            var path = "/v1/cases/" + registered.GetProperty("id").GetString();

            var seenByHouse = await house.JsonAsync(await house.GetAsync(path), HttpStatusCode.OK);
            Assert.Equal(JsonValueKind.Null, seenByHouse.GetProperty("subject").ValueKind);
            Assert.Equal(JsonValueKind.Null, seenByHouse.GetProperty("reason").ValueKind);
            Assert.Equal(["reason:not-permitted", "subject:not-permitted"], Withheld(seenByHouse));

            // The admit answer goes through the same decision, and its entry records what was withheld.
            var admitted = await house.JsonAsync(await house.PostAsync(path + "/participants", new { party = "politie" }), HttpStatusCode.OK);
            Assert.Equal(JsonValueKind.Null, admitted.GetProperty("subject").ValueKind);
            var log = factory.Services.GetRequiredService<AccessLog>();
            var entry = JsonDocument.Parse(log.ReadLeaf(house.Logged[^1].Index)!).RootElement;
            Assert.Equal("case.admit", entry.GetProperty("action").GetString());
            Assert.False(entry.TryGetProperty("released", out _));
            Assert.Equal(["registration/reason", "registration/subject"], entry.GetProperty("withheld").EnumerateArray().Select(w => w.GetProperty("field").GetString()));

            // The registering party's own read is its own supply, not a disclosure.
            await gemeente.JsonAsync(await gemeente.GetAsync(path), HttpStatusCode.OK);
            var own = JsonDocument.Parse(log.ReadLeaf(gemeente.Logged[^1].Index)!).RootElement;
            Assert.Equal(["own-supply"], own.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        }
        finally
        {
            policies.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task TheRegistrationCategory_CannotBeSupplied()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var gemeente = await PartnerSystem.RegisterAsync(factory, client, "gem-groningen", "casemanager-12", "casemanager");
        var registered = await gemeente.JsonAsync(await gemeente.PostAsync("/v1/cases", new { convenant = "avz-groningen", purpose = "process-direction", subject = Bsn, reason = "Zorgen" }), HttpStatusCode.Created);
        var path = "/v1/cases/" + registered.GetProperty("id").GetString();

        var logged = gemeente.Logged.Count;
        await PartnerSystem.AssertProblemAsync(await gemeente.PostAsync(path + "/information", new { category = "registration", fields = new { subject = "123456782" } }), HttpStatusCode.BadRequest, "AVZ-INFO-0011");
        Assert.Equal(logged, gemeente.Logged.Count);
        var read = await gemeente.JsonAsync(await gemeente.GetAsync(path), HttpStatusCode.OK);
        Assert.Equal(Bsn, read.GetProperty("subject").GetString());
    }

    private static string[] Withheld(JsonElement view) =>
        [.. view.GetProperty("withheld").EnumerateArray().Select(w => w.GetProperty("field").GetString() + ":" + w.GetProperty("reason").GetString()).Order(StringComparer.Ordinal)];

    /// <summary>The demo policy without its registration category and the rules on it.</summary>
    private static string WithoutRegistration(string yaml)
    {
        var lines = yaml.Split('\n');
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var block = lines[i].StartsWith("  - id: registration", StringComparison.Ordinal)
                || (lines[i].StartsWith("  - id: ", StringComparison.Ordinal) && lines[i].Contains("-registration-", StringComparison.Ordinal));
            if (!block)
            {
                kept.Add(lines[i]);
                continue;
            }

            while (i + 1 < lines.Length && lines[i + 1].StartsWith("    ", StringComparison.Ordinal))
            {
                i++;
            }
        }

        var result = string.Join('\n', kept);
        Assert.DoesNotContain("registration", result.Replace("registrations", "", StringComparison.Ordinal), StringComparison.Ordinal);
        return result;
    }
}
