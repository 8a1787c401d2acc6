using System.CommandLine;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Storage;
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
        var dataDir = new Option<DirectoryInfo>("--data-dir") { Description = "The gateway's data directory.", DefaultValueFactory = _ => new DirectoryInfo(".avz") };
        var database = new Option<DatabaseProvider>("--database") { Description = "The case database: Sqlite, Postgres or SqlServer.", DefaultValueFactory = _ => DatabaseProvider.Sqlite };
        var connection = new Option<string?>("--connection-string") { Description = "The case database's connection string. Default: exchange.db in the data directory." };
        var kek = new Option<string>("--kek") { Description = "The key-encryption key provider: local, pkcs11 or azure-key-vault.", DefaultValueFactory = _ => "local" };
        kek.AcceptOnlyFromAmong("local", "pkcs11", "azure-key-vault");
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "local: the key ring. Default: kek.json in the data directory." };
        var retire = new Option<bool>("--retire") { Description = "local: after re-wrapping, delete the old key versions from the ring." };
        var library = new Option<string?>("--pkcs11-library") { Description = "pkcs11: the module, such as /usr/lib/softhsm/libsofthsm2.so." };
        var token = new Option<string?>("--pkcs11-token") { Description = "pkcs11: the token label." };
        var label = new Option<string>("--pkcs11-key-label") { Description = "pkcs11: the label prefix of the KEK versions.", DefaultValueFactory = _ => "avz-kek" };
        var vault = new Option<Uri?>("--vault-uri") { Description = "azure-key-vault: the vault URI." };
        var vaultKey = new Option<string?>("--vault-key") { Description = "azure-key-vault: the key name (rotate the key in the vault first)." };
        var auditPostgres = Audit.GatewayLog.PostgresConnection();
        var command = new Command("rotate", "Make a new key-encryption key version current and re-wrap every data key under it.")
        {
            dataDir, database, connection, kek, keyFile, retire, library, token, label, vault, vaultKey, auditPostgres,
        };
        command.SetAction(async (parsed, cancellation) =>
        {
            var folder = parsed.GetValue(dataDir)!.FullName;
            var provider = parsed.GetValue(database);
            var connectionString = parsed.GetValue(connection);
            if (connectionString is null)
            {
                var file = Path.Combine(folder, "exchange.db");
                if (provider != DatabaseProvider.Sqlite || !File.Exists(file))
                {
                    error.WriteLine($"avz: no case database at {file}; pass --data-dir or --database and --connection-string.");
                    return ExitCodes.Usage;
                }

                connectionString = $"Data Source={file};Pooling=false";
            }

            IKeyEncryptionKey key;
            try
            {
                key = parsed.GetValue(kek) switch
                {
                    "pkcs11" => Pkcs11KeyEncryptionKey.Open(
                        parsed.GetValue(library) ?? throw new InvalidOperationException("--pkcs11-library is required."),
                        parsed.GetValue(token) ?? throw new InvalidOperationException("--pkcs11-token is required."),
                        Environment.GetEnvironmentVariable(PinVariable) ?? throw new InvalidOperationException($"Set the PIN in the environment variable {PinVariable}."),
                        parsed.GetValue(label)!),
                    "azure-key-vault" => new AzureKeyVaultKeyEncryptionKey(
                        parsed.GetValue(vault) ?? throw new InvalidOperationException("--vault-uri is required."),
                        parsed.GetValue(vaultKey) ?? throw new InvalidOperationException("--vault-key is required."),
                        new Azure.Identity.DefaultAzureCredential()),
                    _ => LocalKeyEncryptionKey.LoadOrCreate(parsed.GetValue(keyFile)?.FullName ?? Path.Combine(folder, LocalKeyEncryptionKey.FileName), out _),
                };
            }
            catch (Exception e) when (e is InvalidOperationException or KeyUnavailableException)
            {
                error.WriteLine($"avz: {e.Message}");
                return ExitCodes.Usage;
            }

            try
            {
                return await RotateAsync(folder, parsed.GetValue(auditPostgres), provider, connectionString, key, parsed.GetValue(retire), output, error, cancellation).ConfigureAwait(false);
            }
            finally
            {
                (key as IDisposable)?.Dispose();
            }
        });
        return command;
    }

    private static async Task<int> RotateAsync(string folder, string? auditPostgres, DatabaseProvider provider, string connectionString, IKeyEncryptionKey kek, bool retire, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        if (Audit.GatewayLog.Open(folder, auditPostgres, error) is not { } log)
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

            var db = ExchangeDatabase.Create(provider, connectionString);
            await using (db.ConfigureAwait(false))
            {
                try
                {
                    var current = await kek.RotateAsync(cancellation).ConfigureAwait(false);
                    error.WriteLine($"avz: new key-encryption key version {current}; re-wrapping data keys");
                    var progress = new LineProgress(error);
                    var rewrapped = await new KeyRotation(db, kek).RewrapAsync(progress, cancellation).ConfigureAwait(false);
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
    }

    /// <summary>Progress on standard error, written in order as it happens (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class LineProgress(TextWriter error) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => error.WriteLine($"avz: {value.Done}/{value.Total} keys");
    }
}
