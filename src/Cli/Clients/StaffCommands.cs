using System.CommandLine;
using Avz.Audit.Entries;
using Avz.Identity;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;

namespace Avz.Cli.Clients;

/// <summary>
/// <c>avz staff add | list | disable</c>: the house's privacy officers and administrators who log in to the portal with
/// a password and an authenticator app. Every change is written to the access log first, naming the account by its
/// id, never by its e-mail address.
/// </summary>
internal static class StaffCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var staff = new Command("staff", "Create, list and disable staff accounts (portal login with password and authenticator app).");
        staff.Subcommands.Add(Add(output, error));
        staff.Subcommands.Add(List(output, error));
        staff.Subcommands.Add(Disable(output, error));
        return staff;
    }

    private static Command Add(TextWriter output, TextWriter error)
    {
        var role = new Option<string>("--role") { Description = "privacy-officer or administrator.", Required = true };
        var email = new Option<string>("--email") { Description = "The staff member's e-mail address: the login name.", Required = true };
        var gateway = new GatewayOptions();
        var command = new Command("add", "Create a staff account and print its enrolment: password, authenticator key and QR code, recovery codes. Shown once.") { role, email };
        gateway.AddTo(command);
        command.SetAction(async (parsed, cancellation) =>
        {
            var roleWord = parsed.GetValue(role)!;
            if (!Wire.TryParse<StaffRole>(roleWord, out var staffRole))
            {
                error.WriteLine("avz: --role is privacy-officer or administrator.");
                return ExitCodes.Usage;
            }

            if (gateway.Load(parsed, error) is not { } settings)
            {
                return ExitCodes.Usage;
            }

            var id = Guid.NewGuid().ToString();
            var entry = Audit.GatewayLog.AdministratorEntry(EntryAction.StaffAdd, null) with { TargetStaff = new StaffReference(id, staffRole) };
            return await IdentityChange.RunAsync(settings, entry, output, error, async registry =>
            {
                var enrolment = await registry.GetRequiredService<StaffAccounts>().AddAsync(parsed.GetValue(email)!, roleWord, id: id).ConfigureAwait(false);
                Print(output, enrolment);
                return true;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var gateway = new GatewayOptions();
        var command = new Command("list", "List the staff accounts.");
        gateway.AddTo(command);
        command.SetAction(async (parsed, cancellation) =>
        {
            if (gateway.Load(parsed, error) is not { } settings)
            {
                return ExitCodes.Usage;
            }

            await using var provider = IdentityChange.OpenRegistry(settings);
            await using var scope = provider.CreateAsyncScope();
            foreach (var account in await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync().ConfigureAwait(false))
            {
                output.WriteLine($"{account.Email,-40} {account.Role,-16} {account.Id,-36} {(account.Disabled ? "disabled" : "active")}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Disable(TextWriter output, TextWriter error)
    {
        var email = new Argument<string>("email") { Description = "The account's e-mail address." };
        var gateway = new GatewayOptions();
        var command = new Command("disable", "Disable a staff account: no login; an open session ends at its next request.") { email };
        gateway.AddTo(command);
        command.SetAction(async (parsed, cancellation) =>
        {
            if (gateway.Load(parsed, error) is not { } settings)
            {
                return ExitCodes.Usage;
            }

            StaffAccount? account;
            await using (var provider = IdentityChange.OpenRegistry(settings))
            {
                await using var scope = provider.CreateAsyncScope();
                account = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().FindAsync(parsed.GetValue(email)!).ConfigureAwait(false);
            }

            if (account is null)
            {
                // Unlike a client id, an address is personal data: an unknown one is not written to the log.
                error.WriteLine("avz: no staff account with that e-mail address.");
                return ExitCodes.Finding;
            }

            var entry = Audit.GatewayLog.AdministratorEntry(EntryAction.StaffDisable, null) with { TargetStaff = new StaffReference(account.Id, null) };
            return await IdentityChange.RunAsync(settings, entry, output, error, async registry =>
            {
                var disabled = await registry.GetRequiredService<StaffAccounts>().DisableAsync(account.Email).ConfigureAwait(false);
                output.WriteLine($"disabled {account.Email}");
                return disabled;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static void Print(TextWriter output, StaffEnrolment enrolment)
    {
        output.WriteLine($"created {enrolment.Role} {enrolment.Email} (account {enrolment.Id})");
        output.WriteLine($"password:          {enrolment.Password}");
        output.WriteLine($"authenticator key: {enrolment.AuthenticatorKey}");
        output.WriteLine($"authenticator URI: {enrolment.AuthenticatorUri}");
        output.WriteLine("scan with an authenticator app:");
        using var generator = new QRCodeGenerator();
        using var code = generator.CreateQrCode(enrolment.AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        output.WriteLine(new AsciiQRCode(code).GetGraphicSmall());
        output.WriteLine($"recovery codes (each works once): {string.Join(" ", enrolment.RecoveryCodes)}");
        output.WriteLine("Hand these over in person; they are not shown again.");
    }
}
