// Load runs of the access log (issue 3). Each prints its figures; results go to bench/results/audit.md.
//   dotnet run -c Release --project bench/Audit.Benchmarks -- append [entries] [rounds]
//   bash bench/on-postgres.sh append [entries] [rounds]      (the same on a PostgreSQL server the script starts)
//   dotnet run -c Release --project bench/Audit.Benchmarks -- proofs [entries]
//   dotnet run -c Release --project bench/Audit.Benchmarks -- encode
//   dotnet run -c Release --project bench/Audit.Benchmarks -- index-append [entries] [rounds]
//   dotnet run -c Release --project bench/Audit.Benchmarks -- index-search [entries]
using Avz.Audit.Benchmarks;

var mode = args.Length > 0 ? args[0] : "append";
return mode switch
{
    "append" => await AppendRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5, new SqliteAppendTarget()),
    "append-postgres" when Environment.GetEnvironmentVariable("AVZ_BENCH_POSTGRES") is { Length: > 0 } server =>
        await AppendRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5, new PostgresAppendTarget(server)),
    "proofs" => await ProofRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000),
    "encode" => EncodeRun.Run(),
    "index-append" => await IndexRun.AppendAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 6),
    "index-catchup" => await IndexRun.CatchUpAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000),
    "index-search" => await IndexRun.SearchAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: append [entries] [rounds] | append-postgres [entries] [rounds] (with AVZ_BENCH_POSTGRES, a connection string; bench/on-postgres.sh append sets it) | proofs [entries] | encode | index-append [entries] [rounds] | index-search [entries]");
    return 2;
}
