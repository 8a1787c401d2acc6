using System.CommandLine;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Exchange;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;

namespace Avz.Cli.Keys;

/// <summary>
/// <c>avz keys rotate</c>: makes a new key-encryption key version current and re-wraps every data key under it; no
/// field is re-encrypted. The rotation is written to the access log first (no entry, no change). The PKCS#11 PIN is
/// read from the environment (AVZ_PKCS11_PIN), never from the command line, where other users could read it.
/// </summary>
internal static class KeysCommands
{
    public const string PinVariable = "AVZ_PKCS11_PIN";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var keys = new Command("keys", "Key-encryption key maintenance.");
        keys.Subcommands.Add(Rotate(output, error));
        return keys;
    }

    private static Command Rotate(TextWriter output, TextWriter error)
    {
        var database = new Option<string?>("--database") { Description = "The case database (Database:Provider): Sqlite, Postgres or SqlServer." };
        var connection = new Option<string?>("--connection-string") { Description = "The case database's connection string (Database:ConnectionString). Default: exchange.db in the data directory." };
        var kek = new Option<string?>("--kek") { Description = "The key-encryption key provider (KeyEncryption:Provider): local, pkcs11 or azure-key-vault." };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "local: the key ring (KeyEncryption:KeyFile). Default: kek.json in the data directory." };
        var retire = new Option<bool>("--retire") { Description = "local: after re-wrapping, delete the old key versions from the ring." };
        var library = new Option<string?>("--pkcs11-library") { Description = "pkcs11: the module, such as /usr/lib/softhsm/libsofthsm2.so (KeyEncryption:Pkcs11Library)." };
        var token = new Option<string?>("--pkcs11-token") { Description = "pkcs11: the token label (KeyEncryption:Pkcs11TokenLabel)." };
        var label = new Option<string?>("--pkcs11-key-label") { Description = "pkcs11: the label prefix of the KEK versions (KeyEncryption:Pkcs11KeyLabel)." };
        var vault = UriOption.Create("--vault-uri", "azure-key-vault: the vault URI (KeyEncryption:VaultUri).");
        var vaultKey = new Option<string?>("--vault-key") { Description = "azure-key-vault: the key name (KeyEncryption:VaultKeyName); rotate the key in the vault first." };
        var gateway = new GatewayOptions();
        var command = new Command("rotate", "Make a new key-encryption key version current and re-wrap every data key under it.")
        {
            database, connection, kek, keyFile, retire, library, token, label, vault, vaultKey,
        };
        gateway.AddTo(command);
        command.SetAction(async (parsed, cancellation) =>
        {
            // The command line wins over the settings, as for the gateway; the PIN never travels on it (other users
            // can read a process's arguments), only through the environment: KeyEncryption__Pkcs11Pin or AVZ_PKCS11_PIN.
            var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            void Set(string key, string? value)
            {
                if (value is not null)
                {
                    overrides[key] = value;
                }
            }

            Set("Database:Provider", parsed.GetValue(database));
            Set("Database:ConnectionString", parsed.GetValue(connection));
            Set("KeyEncryption:Provider", parsed.GetValue(kek));
            Set("KeyEncryption:KeyFile", parsed.GetValue(keyFile)?.FullName);
            Set("KeyEncryption:Pkcs11Library", parsed.GetValue(library));
            Set("KeyEncryption:Pkcs11TokenLabel", parsed.GetValue(token));
            Set("KeyEncryption:Pkcs11KeyLabel", parsed.GetValue(label));
            Set("KeyEncryption:VaultUri", parsed.GetValue(vault)?.ToString());
            Set("KeyEncryption:VaultKeyName", parsed.GetValue(vaultKey));
            if (Environment.GetEnvironmentVariable(PinVariable) is { } pin)
            {
                overrides["KeyEncryption:Pkcs11Pin"] = pin;
            }

            if (gateway.Load(parsed, error, overrides) is not { } settings)
            {
                return ExitCodes.Usage;
            }

            if (settings.Database.Problems().Concat(settings.KeyEncryption.Problems()).FirstOrDefault() is { } problem)
            {
                error.WriteLine($"avz: {problem}");
                return ExitCodes.Usage;
            }

            var provider = settings.Database.ParsedProvider!.Value;
            var connectionString = settings.Database.ConnectionStringFor(settings.DataDirectory);
            if (provider == DatabaseProvider.Sqlite && settings.Database.ConnectionString is null)
            {
                var file = Path.Combine(settings.DataDirectory, DatabaseOptions.DefaultFile);
                if (!File.Exists(file))
                {
                    error.WriteLine($"avz: no case database at {file}; check Storage:DataDirectory (or --data-dir), or Database:Provider and Database:ConnectionString.");
                    return ExitCodes.Usage;
                }

                connectionString += ";Pooling=false";
            }

            IKeyEncryptionKey key;
            try
            {
                key = KeyEncryptionKeys.Open(settings.KeyEncryption, settings.DataDirectory, out _);
            }
            catch (Exception e) when (e is InvalidOperationException or KeyUnavailableException)
            {
                error.WriteLine($"avz: {e.Message}");
                return ExitCodes.Usage;
            }

            try
            {
                return await RotateAsync(settings, provider, connectionString, key, parsed.GetValue(retire), output, error, cancellation).ConfigureAwait(false);
            }
            finally
            {
                (key as IDisposable)?.Dispose();
            }
        });
        return command;
    }

    private static async Task<int> RotateAsync(GatewaySettings settings, DatabaseProvider provider, string connectionString, IKeyEncryptionKey kek, bool retire, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        if (Audit.GatewayLog.Open(settings, error) is not { } log)
        {
            return ExitCodes.Usage;
        }

        await using (log.ConfigureAwait(false))
        {
            var logged = Wire.TryParse<KeyProvider>(kek.Provider, out var named) ? named : throw new InvalidOperationException($"The access log has no word for key provider '{kek.Provider}'.");
            var entry = Audit.GatewayLog.AdministratorEntry(EntryAction.KeysRotate, null) with { Key = new KekVersion(logged, null) };
            long first;
            try
            {
                first = await log.AppendAsync(entry, cancellation).ConfigureAwait(false);
            }
            catch (AuditWriteException)
            {
                error.WriteLine("avz: the access log cannot be written; nothing was changed.");
                return ExitCodes.Finding;
            }

            try
            {
                var current = await kek.RotateAsync(cancellation).ConfigureAwait(false);
                error.WriteLine($"avz: new key-encryption key version {current}; re-wrapping data keys");
                var rewrapped = await ExchangeMaintenance.RewrapAsync(provider, connectionString, kek, new LineProgress(error), cancellation).ConfigureAwait(false);
                var retired = retire && kek is LocalKeyEncryptionKey local ? local.Retire() : 0;
                var index = await log.AppendAsync(entry with { Key = new KekVersion(logged, current), Counts = new EntryCounts { Rewrapped = rewrapped, Retired = retired } }, cancellation).ConfigureAwait(false);
                output.WriteLine($"re-wrapped {rewrapped} key(s) under {current}; retired {retired} old version(s); access log entry {index}");
                return ExitCodes.Ok;
            }
            catch (Exception e) when (e is KeyUnavailableException or System.Data.Common.DbException or InvalidOperationException)
            {
                // Keys re-wrapped so far are saved and unwrap under the new version; running the command again finishes the job.
                await log.AppendAsync(entry with { Decision = EntryDecision.Error, Reasons = [EntryReason.NotStored], RefersTo = first }, CancellationToken.None).ConfigureAwait(false);
                error.WriteLine($"avz: rotation stopped ({e.Message}); run it again to finish.");
                return ExitCodes.Finding;
            }
        }
    }

    /// <summary>Progress on standard error, written in order as it happens (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class LineProgress(TextWriter error) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => error.WriteLine($"avz: {value.Done}/{value.Total} keys");
    }
}
