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

            var entry = Audit.GatewayLog.AdministratorEntry(EntryAction.ClientAdd, partyId) with { TargetClient = new ClientReference(id, scopeList) };
            return await IdentityChange.RunAsync(settings, entry, output, error, async registry =>
            {
                var clientRegistry = registry.GetRequiredService<PartnerClients>();
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

            await using var provider = IdentityChange.OpenRegistry(settings);
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

            var entry = Audit.GatewayLog.AdministratorEntry(EntryAction.ClientDisable, null) with { TargetClient = new ClientReference(id, []) };
            return await IdentityChange.RunAsync(settings, entry, output, error, async registry =>
            {
                var clientRegistry = registry.GetRequiredService<PartnerClients>();
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
}
