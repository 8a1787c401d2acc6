using System.Security.Cryptography;
using Avz.Exchange.Encryption;
using BenchmarkDotNet.Attributes;
using NSec.Cryptography;

namespace Avz.Exchange.Benchmarks;

/// <summary>
/// Field encryption and decryption of a 100-byte value under a case's data key, one core (BenchmarkDotNet runs one
/// thread). Goal (issue 16): at least 1,000,000 fields/s per core each way, i.e. at most 1,000 ns per operation.
/// Run: dotnet run -c Release --project bench/Exchange.Benchmarks -- cipher --filter '*FieldCipher*'
/// </summary>
/// <remarks>
/// In process: the project's file name differs from its assembly name, which BenchmarkDotNet's project toolchain
/// cannot find. The kept-key rows use the key the gateway keeps (<see cref="FieldKey.Import"/>: libsodium's where the
/// processor supports it); the platform rows the fallback, .NET's <c>AesGcm</c>; the "alone" rows each library's call
/// on preallocated buffers, the floor under <see cref="FieldCipher"/>'s own work.
/// </remarks>
[MemoryDiagnoser]
[InProcess]
public class FieldCipherBenchmarks : IDisposable
{
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] value = RandomNumberGenerator.GetBytes(100);
    private readonly Guid keyId = Guid.NewGuid();
    private readonly FieldPlace place = new(Guid.NewGuid(), "0193a4f2-7d4e-7c1a-9b2f-3a5c6d7e8f90", "incident-summary");
    private readonly byte[] nonce = RandomNumberGenerator.GetBytes(12);
    private readonly byte[] associated = RandomNumberGenerator.GetBytes(90);
    private readonly byte[] output = new byte[100];
    private readonly byte[] sealedOutput = new byte[116];
    private readonly byte[] sealedValue = new byte[116];
    private byte[] ciphertext = [];
    private FieldKey kept = null!;
    private PlatformFieldKey platform = null!;
    private AesGcm aesGcm = null!;
    private Key sodium = null!;

    [GlobalSetup]
    public void Setup()
    {
        kept = FieldKey.Import(key);
        platform = new PlatformFieldKey(key);
        aesGcm = new AesGcm(key, 16);
        sodium = Key.Import(AeadAlgorithm.Aes256Gcm, key, KeyBlobFormat.RawSymmetricKey);
        ciphertext = FieldCipher.Encrypt(kept, keyId, 1, place, value);
        aesGcm.Encrypt(nonce, value, sealedValue.AsSpan(0, 100), sealedValue.AsSpan(100), associated);
        Console.WriteLine($"// kept key: {kept.GetType().Name}");
    }

    [GlobalCleanup]
    public void Dispose()
    {
        kept.Dispose();
        platform.Dispose();
        aesGcm.Dispose();
        sodium.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>With the key kept, as <see cref="DataKeyCache"/> keeps it per cached data key.</summary>
    [Benchmark]
    public byte[] Encrypt100BytesKeptKey() => FieldCipher.Encrypt(kept, keyId, 1, place, value);

    /// <summary>With the key kept.</summary>
    [Benchmark]
    public byte[] Decrypt100BytesKeptKey() => FieldCipher.Decrypt(kept, place, ciphertext);

    /// <summary>The fallback where libsodium's cipher cannot run, key kept.</summary>
    [Benchmark]
    public byte[] Encrypt100BytesPlatformKey() => FieldCipher.Encrypt(platform, keyId, 1, place, value);

    /// <summary>The fallback, decryption.</summary>
    [Benchmark]
    public byte[] Decrypt100BytesPlatformKey() => FieldCipher.Decrypt(platform, place, ciphertext);

    /// <summary>The floor: libsodium's AES-256-GCM alone on the same sizes (100 bytes, 90 bytes of associated data), preallocated buffers.</summary>
    [Benchmark]
    public void SodiumAloneEncrypt() => AeadAlgorithm.Aes256Gcm.Encrypt(sodium, nonce, associated, value, sealedOutput);

    /// <summary>libsodium's floor for decryption.</summary>
    [Benchmark]
    public bool SodiumAloneDecrypt() => AeadAlgorithm.Aes256Gcm.Decrypt(sodium, nonce, associated, sealedValue, output);

    /// <summary>.NET's <c>AesGcm</c> alone, the same sizes.</summary>
    [Benchmark]
    public void AesGcmAloneEncrypt() => aesGcm.Encrypt(nonce, value, sealedOutput.AsSpan(0, 100), sealedOutput.AsSpan(100), associated);

    /// <summary>.NET's floor for decryption.</summary>
    [Benchmark]
    public void AesGcmAloneDecrypt() => aesGcm.Decrypt(nonce, sealedValue.AsSpan(0, 100), sealedValue.AsSpan(100), output, associated);

    /// <summary>A key used once (imported, used, disposed): the path of a key that is not cached.</summary>
    [Benchmark]
    public byte[] Encrypt100Bytes() => FieldCipher.Encrypt(key, keyId, 1, place, value);

    [Benchmark]
    public byte[] Decrypt100Bytes() => FieldCipher.Decrypt(key, place, ciphertext);
}
