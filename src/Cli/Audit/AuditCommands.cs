using System.CommandLine;
using System.Text.Json;
using Avz.Audit;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Verification;

namespace Avz.Cli.Audit;

/// <summary><c>avz audit key | verify | reindex</c>.</summary>
internal static class AuditCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var audit = new Command("audit", "The tamper-evident access log: its verifier key, and verification.");
        audit.Subcommands.Add(Key(output, error));
        audit.Subcommands.Add(Verify(output, error));
        audit.Subcommands.Add(Reindex(output, error));
        return audit;
    }

    private static Command Key(TextWriter output, TextWriter error)
    {
        var origin = new Option<string?>("--origin") { Description = "The log's origin (Audit:Origin). Default: as the settings say." };
        var gateway = new GatewayOptions();
        var command = new Command("key", "Print the log's verifier key (C2SP vkey); creates the signing key when there is none yet.") { origin };
        gateway.AddTo(command);
        command.SetAction(parsed =>
        {
            var overrides = parsed.GetValue(origin) is { } named ? new Dictionary<string, string?> { ["Audit:Origin"] = named } : null;
            if (gateway.Load(parsed, error, overrides) is not { } settings)
            {
                return ExitCodes.Usage;
            }

            var path = Path.Combine(settings.DataDirectory, AuditKeyFile.FileName);
            try
            {
                Directory.CreateDirectory(settings.DataDirectory);
                using var signer = AuditKeyFile.LoadOrCreate(path, settings.AccessLog.Origin, out var created);
                if (created)
                {
                    error.WriteLine($"avz: created a new audit signing key in {path} (owner read/write only); back it up.");
                }

                output.WriteLine(signer.VerifierKey);
                return ExitCodes.Ok;
            }
            catch (InvalidOperationException e)
            {
                error.WriteLine($"avz: {e.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static Command Verify(TextWriter output, TextWriter error)
    {
        var gateway = new GatewayOptions();
        var database = new Option<FileInfo?>("--database") { Description = "A SQLite access-log file. Default: audit.db in the data directory." };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string instead of the store the settings name." };
        var key = new Option<string?>("--key") { Description = "The log's verifier key (as 'avz audit key' prints it). Default: derived from the signing key in the data directory." };
        var receipt = new Option<FileInfo?>("--receipt") { Description = "Verify one inclusion receipt (JSON) instead of a whole log; needs --key." };
        var command = new Command("verify", "Recompute the log from storage and check every entry, tile and checkpoint; or check one inclusion receipt.")
        {
            database, postgres, key, receipt,
        };
        gateway.AddTo(command);
        command.SetAction(parsed =>
        {
            var receiptFile = parsed.GetValue(receipt);
            var keyText = parsed.GetValue(key);
            if (receiptFile is not null)
            {
                return keyText is null ? Usage(error, "--receipt needs --key: a receipt is checked against the key you trust, not one it brings.") : VerifyReceipt(receiptFile, keyText, output, error);
            }

            if (gateway.Load(parsed, error) is not { } settings)
            {
                return ExitCodes.Usage;
            }

            NoteVerifier verifier;
            try
            {
                verifier = keyText is not null ? NoteVerifier.Parse(keyText) : KeyFromDataDirectory(settings.DataDirectory, error);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or FileNotFoundException)
            {
                return Usage(error, e.Message);
            }

            if (OpenStore(parsed, settings, database, postgres, error) is not { } store)
            {
                return ExitCodes.Usage;
            }

            using (store)
            {
                var progress = new Progress(error);
                var report = LogVerifier.Verify(store, verifier, progress);
                foreach (var finding in report.Findings)
                {
                    output.WriteLine($"FINDING {finding}");
                }

                output.WriteLine($"{store.Description}: {report.Entries} entries, {report.Checkpoints} valid checkpoints, signed up to {report.SignedSize}"
                    + (report.Uncovered > 0 ? $", {report.Uncovered} newest entries not yet under a checkpoint" : "") + ".");
                output.WriteLine(report.Succeeded ? "The log verifies." : $"The log does NOT verify: {report.Findings.Count} finding(s), the first at index {report.Findings[0].Index}.");
                var indexAgrees = true;
                if (store is Avz.Audit.Index.ILogIndex)
                {
                    // The index is derived data, but a search that misses entries misleads a privacy officer: compare it too.
                    var (differences, compared) = Avz.Audit.Index.LogIndexer.Compare(store, store.ReadSize(), new Progress(error, "compared"));
                    indexAgrees = differences.Count == 0;
                    output.WriteLine(indexAgrees
                        ? $"The log index agrees with all {compared:N0} entries."
                        : $"The log index does NOT agree with the log at {differences.Count} entr{(differences.Count == 1 ? "y" : "ies")}, the first at index {differences[0]}; run 'avz audit reindex'.");
                }

                return report.Succeeded && indexAgrees ? ExitCodes.Ok : ExitCodes.Finding;
            }
        });
        return command;
    }

    private static Command Reindex(TextWriter output, TextWriter error)
    {
        var gateway = new GatewayOptions();
        var database = new Option<FileInfo?>("--database") { Description = "A SQLite access-log file. Default: audit.db in the data directory." };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string instead of the store the settings name." };
        var command = new Command("reindex", "Rebuild the log index (what privacy officers search) from the log itself; the log is not changed.") { database, postgres };
        gateway.AddTo(command);
        command.SetAction(parsed =>
        {
            if (gateway.Load(parsed, error) is not { } settings || OpenStore(parsed, settings, database, postgres, error) is not { } store)
            {
                return ExitCodes.Usage;
            }

            using (store)
            {
                if (store is not Avz.Audit.Index.ILogIndex)
                {
                    return Usage(error, $"{store.Description} keeps no log index.");
                }

                var indexed = Avz.Audit.Index.LogIndexer.Rebuild(store, new Progress(error, "indexed"));
                output.WriteLine($"{store.Description}: the log index was rebuilt from {indexed:N0} entries.");
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    /// <summary>The store a command names: --postgres, --database, or the one the gateway's settings name.</summary>
    private static IAuditStore? OpenStore(ParseResult parsed, GatewaySettings settings, Option<FileInfo?> database, Option<string?> postgres, TextWriter error)
    {
        var connection = parsed.GetValue(postgres);
        var file = parsed.GetValue(database);
        if (connection is not null)
        {
            return new PostgresAuditStore(connection);
        }

        if (file is not null || settings.AccessLog.ParsedStore != AuditStoreKind.Postgres)
        {
            file ??= new FileInfo(Path.Combine(settings.DataDirectory, AccessLogOptions.DatabaseFile));
            if (!file.Exists)
            {
                Usage(error, $"no access log at {file.FullName}");
                return null;
            }

            return new SqliteAuditStore(file.FullName);
        }

        try
        {
            return AccessLogFactory.OpenStore(settings.AccessLog, settings.DataDirectory);
        }
        catch (InvalidOperationException e)
        {
            Usage(error, e.Message);
            return null;
        }
    }

    private static int VerifyReceipt(FileInfo file, string keyText, TextWriter output, TextWriter error)
    {
        if (!file.Exists)
        {
            return Usage(error, $"no receipt at {file.FullName}");
        }

        try
        {
            var verifier = NoteVerifier.Parse(keyText);
            var receipt = JsonSerializer.Deserialize<InclusionReceipt>(File.ReadAllText(file.FullName)) ?? throw new JsonException("empty");
            var ok = LogVerifier.VerifyReceipt(Convert.FromBase64String(receipt.Leaf), receipt.Index, receipt.Proof.Select(Convert.FromBase64String).ToArray(), receipt.Checkpoint, verifier, out var problem);
            output.WriteLine(ok ? $"Entry {receipt.Index} is in the log {verifier.Name}: the receipt verifies." : $"The receipt does NOT verify: {problem}.");
            return ok ? ExitCodes.Ok : ExitCodes.Finding;
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException)
        {
            return Usage(error, $"the receipt or key is malformed: {e.Message}");
        }
    }

    private static NoteVerifier KeyFromDataDirectory(string dataDirectory, TextWriter error)
    {
        var path = Path.Combine(dataDirectory, AuditKeyFile.FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no --key given and no signing key at {path}");
        }

        using var signer = NoteSigner.Parse(File.ReadAllText(path).Trim());
        error.WriteLine("avz: checking with the key in the data directory; an auditor passes the published key with --key.");
        return NoteVerifier.Parse(signer.VerifierKey);
    }

    private static int Usage(TextWriter error, string message)
    {
        error.WriteLine($"avz: {message}");
        return ExitCodes.Usage;
    }

    /// <summary>Progress on standard error, so output stays machine-readable.</summary>
    private sealed class Progress(TextWriter error, string verb = "verified") : IProgress<long>
    {
        public void Report(long value) => error.WriteLine($"{verb} {value:N0} entries");
    }
}
