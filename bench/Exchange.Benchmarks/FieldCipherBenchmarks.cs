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
    private readonly byte[] nonce = RandomNumberGenerator.GetBytes(12);
    private readonly byte[] associated = RandomNumberGenerator.GetBytes(90);
    private readonly byte[] output = new byte[100];
    private readonly byte[] tag = new byte[16];
    private readonly byte[] sealedValue = new byte[100];
    private readonly byte[] sealedTag = new byte[16];

    [GlobalSetup]
    public void Setup()
    {
        ciphertext = FieldCipher.Encrypt(key, keyId, 1, place, value);
        keyed = FieldCipher.Keyed(key);
        keyed.Encrypt(nonce, value, sealedValue, sealedTag, associated);
    }

    [GlobalCleanup]
    public void Cleanup() => keyed.Dispose();

    /// <summary>With the key schedule kept, as <see cref="DataKeyCache"/> keeps it per cached data key.</summary>
    [Benchmark]
    public byte[] Encrypt100BytesKeptKey() => FieldCipher.Encrypt(keyed, keyId, 1, place, value);

    /// <summary>With the key schedule kept.</summary>
    [Benchmark]
    public byte[] Decrypt100BytesKeptKey() => FieldCipher.Decrypt(keyed, place, ciphertext);

    /// <summary>The floor: .NET's <c>AesGcm</c> alone on the same sizes (100 bytes, 90 bytes of associated data), kept key, preallocated buffers.</summary>
    [Benchmark]
    public void AesGcmAloneEncrypt() => keyed.Encrypt(nonce, value, output, tag, associated);

    /// <summary>The floor for decryption.</summary>
    [Benchmark]
    public void AesGcmAloneDecrypt() => keyed.Decrypt(nonce, sealedValue, sealedTag, output, associated);

    [Benchmark]
    public byte[] Encrypt100Bytes() => FieldCipher.Encrypt(key, keyId, 1, place, value);

    [Benchmark]
    public byte[] Decrypt100Bytes() => FieldCipher.Decrypt(key, place, ciphertext);
}
