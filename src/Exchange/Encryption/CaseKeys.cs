using System.Security.Cryptography;
using System.Text;
using Avz.Exchange.Cases;
using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Encryption;

/// <summary>
/// Case data keys: made per case, wrapped by the KEK, unwrapped on use (cached briefly), destroyed at retention end.
/// Also encrypts and decrypts field values with them.
/// </summary>
internal sealed class CaseKeys(IKeyEncryptionKey kek, DataKeyCache cache, CaseReads reads, TimeProvider time)
{
    public IKeyEncryptionKey Kek => kek;

    /// <summary>Makes a fresh data key for a case and returns the (unsaved) record and the plain key.</summary>
    public async Task<(DataKeyRecord Record, byte[] Key)> CreateAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var wrapped = await kek.WrapAsync(key, cancellationToken).ConfigureAwait(false);
        var record = new DataKeyRecord { Id = Guid.CreateVersion7(), CaseId = caseId, Version = 1, KekId = wrapped.KekId, Wrapped = wrapped.Bytes, CreatedAt = time.GetUtcNow() };
        cache.Add(record.Id, key);
        return (record, key);
    }

    /// <summary>The case's current data key: its record and the unwrapped key.</summary>
    public async Task<(DataKeyRecord Record, byte[] Key)> CurrentAsync(ExchangeDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        var record = await reads.CurrentDataKeyAsync(db, caseId, cancellationToken).ConfigureAwait(false)
            ?? throw new FieldDecryptionException($"Case {caseId} has no data key.");
        return (record, await UnwrapAsync(record, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Encrypts a value under the case's data key, with the cipher the cache keeps for it when the key is cached.</summary>
    public byte[] Encrypt(DataKeyRecord record, byte[] key, string item, string field, byte[] plaintext)
    {
        var place = new FieldPlace(record.CaseId, item, field);
        return cache.TryEncrypt(record.Id, record.Version, place, plaintext, out var ciphertext)
            ? ciphertext
            : FieldCipher.Encrypt(key, record.Id, record.Version, place, plaintext);
    }

    /// <summary>Decrypts a field value; reads and unwraps its data key when the cache does not hold it.</summary>
    public async ValueTask<byte[]> DecryptAsync(ExchangeDbContext db, FieldPlace place, byte[] ciphertext, CancellationToken cancellationToken)
    {
        if (TryDecryptCached(place, ciphertext, out var plaintext))
        {
            return plaintext;
        }

        var (keyId, version) = FieldCipher.ReadKey(ciphertext, place);
        var record = await reads.DataKeyAsync(db, keyId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.CaseId != place.Case || record.Version != version)
        {
            throw new FieldDecryptionException($"The value at {place} names a data key that does not belong to its case.");
        }

        var key = await UnwrapAsync(record, cancellationToken).ConfigureAwait(false);
        return FieldCipher.Decrypt(key, place, ciphertext);
    }

    /// <summary>Decrypts a field value as above, leasing the scope's context only when the data key must be read.</summary>
    public ValueTask<byte[]> DecryptAsync(ContextLease lease, FieldPlace place, byte[] ciphertext, CancellationToken cancellationToken) =>
        TryDecryptCached(place, ciphertext, out var plaintext)
            ? ValueTask.FromResult(plaintext)
            : DecryptAsync(lease.Context, place, ciphertext, cancellationToken);

    /// <summary>Decrypts the text values of one answer (<see cref="FieldTexts"/>); dispose it when the answer's fields are read.</summary>
    public FieldTexts TextsFor(ContextLease lease) => new(this, cache, lease);

    /// <summary>Decrypts with the data key the cache holds, if it holds it.</summary>
    private bool TryDecryptCached(FieldPlace place, byte[] ciphertext, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? plaintext)
    {
        var (keyId, _) = FieldCipher.ReadKey(ciphertext, place);
        if (cache.TryDecrypt(keyId, place, ciphertext, out plaintext))
        {
            return true;
        }

        if (cache.TryGet(keyId, out var key))
        {
            plaintext = FieldCipher.Decrypt(key, place, ciphertext);
            return true;
        }

        plaintext = null;
        return false;
    }

    public async Task<byte[]> UnwrapAsync(DataKeyRecord record, CancellationToken cancellationToken)
    {
        if (cache.TryGet(record.Id, out var cached))
        {
            return cached;
        }

        if (record.DestroyedAt is not null || record.Wrapped.Length == 0)
        {
            throw new FieldDecryptionException($"The data key of case {record.CaseId} was destroyed when its retention ended (crypto-shredded); its values cannot be read.");
        }

        var key = await kek.UnwrapAsync(new WrappedKey(record.KekId, record.Wrapped), cancellationToken).ConfigureAwait(false);
        cache.Add(record.Id, key);
        return key;
    }

    public void Forget(Guid keyId) => cache.Forget(keyId);

    /// <summary>
    /// The text values of one answer, decrypted field by field. The kept cipher of the data key the fields name is rented
    /// once and held until <see cref="Dispose"/>, instead of looked up, rented and handed back for every field (issue 16:
    /// the look-up and the cipher bag were about 1 % of the information request's CPU at 50 fields an answer), and each
    /// value is decrypted on the stack and cleared there (<see cref="FieldCipher.DecryptText"/>). A value whose key is
    /// not cached takes <see cref="CaseKeys.DecryptAsync(ContextLease, FieldPlace, byte[], CancellationToken)"/>'s way, which
    /// reads and unwraps the key; the next field then finds it cached.
    /// </summary>
    /// <remarks>For one request at a time, like the kept cipher it holds.</remarks>
    internal sealed class FieldTexts(CaseKeys keys, DataKeyCache cache, ContextLease lease) : IDisposable
    {
        private Guid heldKey;
        private DataKeyCache.RentedCipher? held;

        /// <summary>The value at <paramref name="place"/> as text.</summary>
        public ValueTask<string> DecryptAsync(FieldPlace place, byte[] ciphertext, CancellationToken cancellationToken)
        {
            var (keyId, _) = FieldCipher.ReadKey(ciphertext, place);
            if (held is null || heldKey != keyId)
            {
                Release();
                if (cache.TryRent(keyId, out var rented))
                {
                    (held, heldKey) = (rented, keyId);
                }
            }

            return held is { } cipher
                ? ValueTask.FromResult(FieldCipher.DecryptText(cipher.Cipher, place, ciphertext))
                : Uncached(place, ciphertext, cancellationToken);
        }

        /// <summary>Hands the held cipher back to its key.</summary>
        public void Dispose() => Release();

        private async ValueTask<string> Uncached(FieldPlace place, byte[] ciphertext, CancellationToken cancellationToken) =>
            Encoding.UTF8.GetString(await keys.DecryptAsync(lease, place, ciphertext, cancellationToken).ConfigureAwait(false));

        private void Release()
        {
            held?.Return();
            held = null;
        }
    }
}
