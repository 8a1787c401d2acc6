using System.Text;
using System.Text.RegularExpressions;
using Avz.Audit.Entries;
using Avz.Audit.Storage;
using Avz.Identity;
using Avz.Identity.Storage;
using Avz.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Avz.Cli.Tests;

public sealed class StaffCommandTests : IDisposable
{
    private readonly DirectoryInfo dataDir = Directory.CreateTempSubdirectory("avz-cli-staff-");

    [Fact]
    public async Task AddListDisable_PrintTheEnrolmentOnce_AndLogTheAccountById_NeverByAddress()
    {
        const string email = "fg.jansen@avz.example.nl";
        var add = Run("staff", "add", "--role", "privacy-officer", "--email", email, "--data-dir", dataDir.FullName);
        Assert.True(add.Exit == 0, add.Error);
        var id = Regex.Match(add.Output, "account ([0-9a-f-]{36})").Groups[1].Value;
        var password = Regex.Match(add.Output, "password: +(\\S+)").Groups[1].Value;
        var key = Regex.Match(add.Output, "authenticator key: (\\S+)").Groups[1].Value;
        Assert.Matches("otpauth://totp/AVZ%20Exchange%3Afg.jansen%40avz.example.nl\\?secret=" + key, add.Output);
        Assert.Equal(10, Regex.Match(add.Output, "recovery codes \\(each works once\\): (.+)").Groups[1].Value.Split(' ').Length);
        Assert.Contains("█", add.Output, StringComparison.Ordinal);

        // The printed password and authenticator key log in: checked against the account store with an authenticator
        // written from RFC 6238, not the gateway's own code.
        using (var provider = IdentityStore.Open(dataDir.FullName))
        using (var scope = provider.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            Assert.True(await users.CheckPasswordAsync(user, password));
            Assert.True(await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Totp.Code(key, DateTimeOffset.UtcNow)));
            Assert.True(user.TwoFactorEnabled);
        }

        Assert.Matches($"{Regex.Escape(email)}\\s+privacy-officer\\s+{id}\\s+active", Run("staff", "list", "--data-dir", dataDir.FullName).Output);
        Assert.Equal(0, Run("staff", "disable", email, "--data-dir", dataDir.FullName).Exit);
        Assert.Matches($"{Regex.Escape(email)}\\s+privacy-officer\\s+{id}\\s+disabled", Run("staff", "list", "--data-dir", dataDir.FullName).Output);
        Assert.Equal(ExitCodes.Finding, Run("staff", "disable", "nobody@avz.example.nl", "--data-dir", dataDir.FullName).Exit);

        SqliteConnection.ClearAllPools();
        using var store = new SqliteAuditStore(Path.Combine(dataDir.FullName, "audit.db"));
        var leaves = store.ReadEntries(0, long.MaxValue).Select(e => e.Leaf).ToList();
        var entries = leaves.Select(l => LeafEncoding.TryDecode(l, out var entry, out _) ? entry! : throw new InvalidOperationException()).ToList();
        Assert.Equal([EntryAction.StaffAdd, EntryAction.StaffDisable], entries.Select(e => e.Action));
        Assert.Equal(new StaffReference(id, StaffRole.PrivacyOfficer), entries[0].TargetStaff);
        Assert.Equal(new StaffReference(id, null), entries[1].TargetStaff);
        Assert.All(leaves, l => Assert.DoesNotContain("jansen", Encoding.UTF8.GetString(l), StringComparison.Ordinal));
    }

    [Fact]
    public void Add_RefusesAnUnknownRole()
    {
        var add = Run("staff", "add", "--role", "root", "--email", "x@avz.example.nl", "--data-dir", dataDir.FullName);
        Assert.Equal(ExitCodes.Usage, add.Exit);
        Assert.Contains("privacy-officer or administrator", add.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        dataDir.Delete(recursive: true);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = AvzCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
