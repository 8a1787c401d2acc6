using System.Security.Cryptography;
using Avz.Exchange.Encryption;
using BenchmarkDotNet.Attributes;

namespace Avz.Exchange.Benchmarks;

/// <summary>
/// Field encryption and decryption of a 100-byte value under a case's data key, one core (BenchmarkDotNet runs one
/// thread). Goal (issue 16): at least 1,000,000 fields/s per core each way, i.e. at most 1,000 ns per operation.
/// Run: dotnet run -c Release --project bench/Exchange.Benchmarks -- cipher --filter '*FieldCipher*'
/// </summary>
/// <remarks>In process: the project's file name differs from its assembly name, which BenchmarkDotNet's project toolchain cannot find.</remarks>
[MemoryDiagnoser]
[InProcess]
public class FieldCipherBenchmarks
{
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] value = RandomNumberGenerator.GetBytes(100);
    private readonly Guid keyId = Guid.NewGuid();
    private readonly FieldPlace place = new(Guid.NewGuid(), "0193a4f2-7d4e-7c1a-9b2f-3a5c6d7e8f90", "incident-summary");
    private byte[] ciphertext = [];
    private AesGcm keyed = null!;

    [GlobalSetup]
    public void Setup()
    {
        ciphertext = FieldCipher.Encrypt(key, keyId, 1, place, value);
        keyed = FieldCipher.Keyed(key);
    }

    [GlobalCleanup]
    public void Cleanup() => keyed.Dispose();

    /// <summary>With the key schedule kept, as <see cref="DataKeyCache"/> keeps it per cached data key.</summary>
    [Benchmark]
    public byte[] Encrypt100BytesKeptKey() => FieldCipher.Encrypt(keyed, keyId, 1, place, value);

    /// <summary>With the key schedule kept.</summary>
    [Benchmark]
    public byte[] Decrypt100BytesKeptKey() => FieldCipher.Decrypt(keyed, place, ciphertext);

    [Benchmark]
    public byte[] Encrypt100Bytes() => FieldCipher.Encrypt(key, keyId, 1, place, value);

    [Benchmark]
    public byte[] Decrypt100Bytes() => FieldCipher.Decrypt(key, place, ciphertext);
}
