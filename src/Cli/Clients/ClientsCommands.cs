using System.CommandLine;
using Avz.Audit;
using Avz.Audit.Entries;
using Avz.Audit.Storage;
using Avz.Identity;
using Avz.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Cli.Clients;

/// <summary><c>avz clients add | list | disable</c>: partner clients in the gateway's data directory. Every change is written to the access log first.</summary>
internal static class ClientsCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var clients = new Command("clients", "Register, list and disable partner clients (private_key_jwt, one convenant party each).");
        clients.Subcommands.Add(Add(output, error));
        clients.Subcommands.Add(List(output, error));
        clients.Subcommands.Add(Disable(output, error));
        return clients;
    }

    private static Command Add(TextWriter output, TextWriter error)
    {
        var party = new Option<string>("--party") { Description = "The convenant party the client acts for.", Required = true };
        var jwks = new Option<FileInfo>("--jwks") { Description = "The client's public keys (JWKS JSON).", Required = true };
        var scopes = new Option<string>("--scopes") { Description = "Comma-separated: exchange, audit, policy-admin.", DefaultValueFactory = _ => IdentityScopes.Exchange };
        var clientId = new Option<string?>("--client-id") { Description = "The client id. Default: <party>-<random>." };
        var policies = new Option<DirectoryInfo>("--policies") { Description = "The convenant policies; the party must be in one.", DefaultValueFactory = _ => new DirectoryInfo("policies") };
        var gateway = new GatewayOptions();
        var command = new Command("add", "Register a partner client with its public keys.") { party, jwks, scopes, clientId, policies };
        gateway.AddTo(command);
        command.SetAction(async (parsed, cancellation) =>
        {
            var partyId = parsed.GetValue(party)!;
            var folder = parsed.GetValue(policies)!;
            var known = folder.Exists
                ? folder.GetFiles("*.yaml").Where(f => !f.Name.EndsWith(".tests.yaml", StringComparison.Ordinal)).Select(f => PolicyLoader.LoadFile(f.FullName).Document)
                    .Any(d => d is not null && d.Parties.Any(p => p.Id == partyId))
                : false;
            if (!known)
            {
                error.WriteLine($"avz: party '{partyId}' is in no convenant policy under {folder.FullName}.");
                return ExitCodes.Usage;
            }

            JsonWebKeySet keys;
            try
            {
                keys = new JsonWebKeySet(await File.ReadAllTextAsync(parsed.GetValue(jwks)!.FullName, cancellation).ConfigureAwait(false));
            }
            catch (Exception e) when (e is ArgumentException or IOException or System.Text.Json.JsonException)
            {
                error.WriteLine($"avz: the JWKS file cannot be read as a JSON Web Key Set ({e.GetType().Name}).");
                return ExitCodes.Usage;
            }

            if (keys.Keys.Count == 0 || keys.Keys.Any(k => k.HasPrivateKey))
            {
                error.WriteLine("avz: the JWKS must hold public keys only; never hand the gateway a private key.");
                return ExitCodes.Usage;
            }

            var id = parsed.GetValue(clientId) ?? $"{partyId}-{Guid.NewGuid().ToString("N")[..8]}";
            var scopeList = parsed.GetValue(scopes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (gateway.Load(parsed, error) is not { } settings)
            {
                return ExitCodes.Usage;
            }

            return await ChangeAsync(settings, EntryAction.ClientAdd, partyId, new ClientReference(id, scopeList), output, error, async clientRegistry =>
            {
                await clientRegistry.AddAsync(id, partyId, keys, scopeList, cancellation).ConfigureAwait(false);
                output.WriteLine($"registered {id} for party {partyId} with scopes {string.Join(", ", scopeList)}");
                return true;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command List(TextWriter output, TextWriter error)
    {
        var gateway = new GatewayOptions();
        var command = new Command("list", "List the registered clients.");
        gateway.AddTo(command);
        command.SetAction(async (parsed, cancellation) =>
        {
            if (gateway.Load(parsed, error) is not { } settings)
            {
                return ExitCodes.Usage;
            }

            await using var provider = OpenRegistry(settings);
            await using var scope = provider.CreateAsyncScope();
            foreach (var client in await scope.ServiceProvider.GetRequiredService<PartnerClients>().ListAsync(cancellation).ConfigureAwait(false))
            {
                output.WriteLine($"{client.ClientId,-36} {client.Party,-32} {string.Join(",", client.Scopes),-30} {(client.Disabled ? "disabled" : "active")}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Disable(TextWriter output, TextWriter error)
    {
        var clientId = new Argument<string>("client-id") { Description = "The client to disable." };
        var gateway = new GatewayOptions();
        var command = new Command("disable", "Disable a client: no new tokens; issued ones expire within minutes.") { clientId };
        gateway.AddTo(command);
        command.SetAction(async (parsed, cancellation) =>
        {
            var id = parsed.GetValue(clientId)!;
            if (gateway.Load(parsed, error) is not { } settings)
            {
                return ExitCodes.Usage;
            }

            return await ChangeAsync(settings, EntryAction.ClientDisable, null, new ClientReference(id, []), output, error, async clientRegistry =>
            {
                if (!await clientRegistry.DisableAsync(id, cancellation).ConfigureAwait(false))
                {
                    error.WriteLine($"avz: no client '{id}'.");
                    return false;
                }

                output.WriteLine($"disabled {id}");
                return true;
            }).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Writes the access-log entry first (fail closed: no entry, no change), then makes the change, and logs a failed change as an error entry.</summary>
    private static async Task<int> ChangeAsync(
        GatewaySettings settings,
        EntryAction action,
        string? party,
        ClientReference client,
        TextWriter output,
        TextWriter error,
        Func<PartnerClients, Task<bool>> change)
    {
        if (Audit.GatewayLog.Open(settings, error) is not { } log)
        {
            return ExitCodes.Usage;
        }

        await using (log.ConfigureAwait(false))
        {
            var entry = Audit.GatewayLog.AdministratorEntry(action, party) with { TargetClient = client };
            await using var provider = OpenRegistry(settings);
            await using var scope = provider.CreateAsyncScope();
            long index;
            bool changed;
            try
            {
                (index, changed) = await log.ChangeAsync(entry, async () =>
                {
                    try
                    {
                        return await change(scope.ServiceProvider.GetRequiredService<PartnerClients>()).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or OpenIddict.Abstractions.OpenIddictExceptions.ValidationException)
                    {
                        error.WriteLine($"avz: {e.Message}");
                        return false;
                    }
                }).ConfigureAwait(false);
            }
            catch (AuditWriteException)
            {
                error.WriteLine("avz: the access log cannot be written; nothing was changed.");
                return ExitCodes.Finding;
            }

            if (!changed)
            {
                return ExitCodes.Finding;
            }

            output.WriteLine($"access log entry {index}");
            return ExitCodes.Ok;
        }
    }

    /// <summary>The client registry the gateway's Identity settings name: identity.db in the data directory, or PostgreSQL.</summary>
    private static ServiceProvider OpenRegistry(GatewaySettings settings) =>
        IdentityStore.Open(settings.DataDirectory, settings.Identity.UsesPostgres ? settings.Identity.ConnectionString : null);
}
