using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace Avz.Exchange.Benchmarks;

/// <summary>
/// A new transaction id (a version 7 UUID) per API call that brings none: .NET's <see cref="Guid.CreateVersion7()"/>
/// (a read of <c>/dev/urandom</c> per id), the same layout with its random bits from
/// <see cref="RandomNumberGenerator"/> per id, and <see cref="TransactionIds.New"/> (the generator's output drawn four
/// kilobytes at a time per thread, shared with the field nonces). Run: dotnet run -c Release --project bench/Exchange.Benchmarks -- cipher --filter '*TransactionId*'
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class TransactionIdBenchmarks
{
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;

    [Benchmark(Baseline = true)]
    public Guid CreateVersion7() => Guid.CreateVersion7(now);

    [Benchmark]
    public Guid GeneratorPerId()
    {
        Span<byte> id = stackalloc byte[16];
        RandomNumberGenerator.Fill(id[6..]);
        return TransactionIds.Stamp(now, id);
    }

    [Benchmark]
    public Guid TransactionId() => TransactionIds.New(now);
}
