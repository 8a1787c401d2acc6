// A partner system in 40 lines: a municipality registers a case, supplies, and asks what the convenant lets it see.
// Run the gateway (dotnet run --project src/Exchange.Api), then from the repository:
//   dotnet run --project samples/PartnerSample -- http://127.0.0.1:5080/ dev-gem-groningen .avz/dev-clients/dev-gem-groningen.jwk
using Avz.Exchange.Cases;
using Avz.Exchange.Client;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: partner-sample <gateway-url> <client-id> <private-key.jwk>");
    return 2;
}

var gateway = new Uri(args[0]);
var key = ClientKey.FromJwkFile(args[2]);

// Pin the log's key. Here it is fetched once; a real system checks it out of band and keeps it in its settings.
using var probe = new ExchangeClient(new ExchangeClientOptions { Gateway = gateway, ClientId = args[1], Key = key });
var logKey = await probe.GetLogKeyAsync();

using var exchange = new ExchangeClient(new ExchangeClientOptions { Gateway = gateway, ClientId = args[1], Key = key, LogKey = logKey });
var me = new Actor("casemanager-12", "casemanager");

var registered = await exchange.RegisterCaseAsync(me, new RegisterCase("avz-groningen", "process-direction", "111222333", "Zorgen over overlast"));
var id = registered.Value.Id;
await exchange.SupplyInformationAsync(me, id, "identity", new Dictionary<string, object> { ["surname"] = "Zwartveld", ["date-of-birth"] = "1988-04-12" });

var seen = await exchange.RequestInformationAsync(me, id);
foreach (var item in seen.Value.Items)
{
    Console.WriteLine($"{item.Category} from {item.Supplier}: {string.Join(", ", item.Fields.Keys)}");
}

foreach (var withheld in seen.Value.Withheld)
{
    Console.WriteLine($"withheld {withheld.Category}/{withheld.Field}: {withheld.Reason}");
}

// Proof of the access made in our name: entry, signed checkpoint, inclusion proof, verified against the pinned key.
Console.WriteLine($"case {id}: entry {seen.Receipt!.Index} verified in a tree of {seen.Receipt.TreeSize}");
File.WriteAllText($"receipt-{seen.Receipt.Index}.json", seen.Receipt.Json);
return 0;
