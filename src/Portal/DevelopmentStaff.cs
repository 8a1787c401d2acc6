using Avz.Identity;

namespace Avz.Exchange.Portal;

/// <summary>
/// In Development only: one demo privacy officer and two demo administrators (four eyes needs two), each with its
/// password, authenticator key and recovery codes in <c>dev-staff/&lt;address&gt;.txt</c> in the data directory
/// (owner-only), so a newcomer can log in to the portal at once. Never created outside Development.
/// </summary>
internal sealed class DevelopmentStaff(IServiceScopeFactory scopes, IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<StorageOptions> storage, ILogger<DevelopmentStaff> logger) : IHostedService
{
    public const string Folder = "dev-staff";

    public static IReadOnlyList<(string Email, string Role)> Accounts { get; } =
    [
        ("fg@avz.example.nl", StaffRoles.PrivacyOfficer),
        ("beheer-1@avz.example.nl", StaffRoles.Administrator),
        ("beheer-2@avz.example.nl", StaffRoles.Administrator),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        var folder = Path.Combine(storage.Value.Resolve(environment.ContentRootPath), Folder);
        Directory.CreateDirectory(folder);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var staff = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            var created = 0;
            foreach (var (email, role) in Accounts)
            {
                if (await staff.FindAsync(email).ConfigureAwait(false) is not null)
                {
                    continue;
                }

                var enrolment = await staff.AddAsync(email, role).ConfigureAwait(false);
                var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                var file = new StreamWriter(Path.Combine(folder, email + ".txt"), System.Text.Encoding.UTF8, options);
                await using (file.ConfigureAwait(false))
                {
                    await file.WriteLineAsync($"email={enrolment.Email}\nrole={enrolment.Role}\npassword={enrolment.Password}\nauthenticator-key={enrolment.AuthenticatorKey}\nauthenticator-uri={enrolment.AuthenticatorUri}\nrecovery-codes={string.Join(' ', enrolment.RecoveryCodes)}").ConfigureAwait(false);
                }

                created++;
            }

            PortalLog.DevelopmentStaff(logger, created, folder);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
