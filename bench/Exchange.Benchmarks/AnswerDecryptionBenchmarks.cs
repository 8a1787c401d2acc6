using System.Security.Cryptography;
using System.Text;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using BenchmarkDotNet.Attributes;

namespace Avz.Exchange.Benchmarks;

/// <summary>
/// The text values of one information answer decrypted under the case's cached data key: five items of ten fields,
/// values of 8-40 bytes as the demo cases hold, one core. The per-field row is the way each field went before issue
/// 16's twentieth round (the cache looked up, a kept cipher rented and handed back, the plaintext in a new array, then
/// decoded); the answer row holds one rented cipher for all fifty and decrypts on the stack (<see cref="CaseKeys.FieldTexts"/>).
/// Run: dotnet run -c Release --project bench/Exchange.Benchmarks -- cipher --filter '*AnswerDecryption*'
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class AnswerDecryptionBenchmarks : IDisposable
{
    private readonly Guid caseId = Guid.CreateVersion7();
    private readonly Guid keyId = Guid.CreateVersion7();
    private (FieldPlace Place, byte[] Ciphertext)[] fields = [];
    private DataKeyCache cache = null!;
    private CaseKeys keys = null!;
    private ContextLease lease = null!;

    [GlobalSetup]
    public void Setup()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        cache = new DataKeyCache(TimeProvider.System, TimeSpan.FromHours(1));
        cache.Add(keyId, key);
        keys = new CaseKeys(null!, cache, new CaseReads(null), TimeProvider.System);

        // The cached key serves every field, so the lease is never asked for its context.
        lease = new ContextLease(null!, DatabaseProvider.Sqlite);
        fields = [.. Enumerable.Range(0, 50).Select(i =>
        {
            var place = new FieldPlace(caseId, Guid.CreateVersion7().ToString(), "field-" + (i % 10));
            var value = Encoding.UTF8.GetBytes(new string('x', 8 + (i * 7 % 33)));
            return (place, FieldCipher.Encrypt(key, keyId, 1, place, value));
        })];
    }

    [GlobalCleanup]
    public void Dispose()
    {
        cache.Clear();
        GC.SuppressFinalize(this);
    }

    /// <summary>Before: each field through the cache on its own.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> PerField()
    {
        var length = 0;
        foreach (var (place, ciphertext) in fields)
        {
            length += Encoding.UTF8.GetString(await keys.DecryptAsync(lease, place, ciphertext, CancellationToken.None).ConfigureAwait(false)).Length;
        }

        return length;
    }

    /// <summary>After: one rented cipher for the answer.</summary>
    [Benchmark]
    public async Task<int> OneCipherForTheAnswer()
    {
        var length = 0;
        using var texts = keys.TextsFor(lease);
        foreach (var (place, ciphertext) in fields)
        {
            length += (await texts.DecryptAsync(place, ciphertext, CancellationToken.None).ConfigureAwait(false)).Length;
        }

        return length;
    }
}
