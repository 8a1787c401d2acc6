using System.CommandLine;
using System.Text.Json;
using Avz.Exchange.Client;
using Avz.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Avz.Cli.Clients;

/// <summary><c>avz token</c>: gets an access token the way a partner system does (client credentials with private_key_jwt) and prints it.</summary>
internal static class TokenCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var client = new Option<string>("--client") { Description = "The client id, such as dev-politie.", Required = true };
        var key = new Option<FileInfo?>("--key") { Description = "The client's private key (JWK). Default: dev-clients/<client>.jwk in the data directory." };
        var url = UriOption.Create("--url", "The gateway's base URL (its issuer). Default: from the gateway's settings (Identity:Issuer, Urls or ASPNETCORE_URLS), else http://127.0.0.1:5080/.");
        var scope = new Option<string>("--scope") { Description = "Space-separated scopes.", DefaultValueFactory = _ => IdentityScopes.Exchange };
        var gateway = new GatewayOptions();
        var command = new Command("token", "Get an access token with private_key_jwt and print it (for trying the API; partner systems use their own OAuth client).")
        {
            client, key, url, scope,
        };
        command.Options.Add(gateway.Config);
        command.Options.Add(gateway.DataDirectory);
        command.SetAction(async (parsed, cancellation) =>
        {
            var clientId = parsed.GetValue(client)!;
            if (gateway.Load(parsed, error) is not { } settings)
            {
                return ExitCodes.Usage;
            }

            var keyFile = parsed.GetValue(key) ?? new FileInfo(Path.Combine(settings.DataDirectory, "dev-clients", clientId + ".jwk"));
            if (!keyFile.Exists)
            {
                error.WriteLine($"avz: no private key at {keyFile.FullName}; run the gateway in Development once, or pass --key.");
                return ExitCodes.Usage;
            }

            var jwk = new JsonWebKey(await File.ReadAllTextAsync(keyFile.FullName, cancellation).ConfigureAwait(false));
            var issuer = parsed.GetValue(url) ?? settings.Address;
            var assertion = ClientAssertion.Create(clientId, issuer, ClientKey.FromJwk(jwk), DateTimeOffset.UtcNow);
            using var http = new HttpClient { BaseAddress = issuer };
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                ["client_assertion"] = assertion,
                ["scope"] = parsed.GetValue(scope)!,
            });
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync(new Uri("connect/token", UriKind.Relative), form, cancellation).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                error.WriteLine($"avz: the gateway at {issuer} does not answer ({e.Message}).");
                return ExitCodes.Finding;
            }

            using (response)
            {
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false)).RootElement;
                if (!response.IsSuccessStatusCode || !body.TryGetProperty("access_token", out var token))
                {
                    error.WriteLine($"avz: refused: {Text(body, "error")}: {Text(body, "error_description")}");
                    return ExitCodes.Finding;
                }

                output.WriteLine(token.GetString());
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static string Text(JsonElement body, string name) => body.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
}
