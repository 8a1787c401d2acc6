using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Avz.Exchange.Encryption;

/// <summary>
/// Unwrapped data keys, kept in memory for a short time so a request does not call the KEK (an HSM or Key Vault round
/// trip) for every field. Never written anywhere. Expired keys are dropped, not zeroed: a request that read the key a
/// moment before expiry may still be encrypting with it, and zeroing would have it encrypt under an all-zero key. A
/// shredded case's key is zeroed (<see cref="Forget"/>): nothing may use it any more.
/// </summary>
/// <remarks>
/// Each cached key also keeps the AES-GCM ciphers already keyed with it (<see cref="FieldKey"/>, one per concurrent
/// user), so a field's decryption does not build the key schedule again (bench/results/field-encryption.md). A
/// key's ciphers are disposed when it expires, is replaced or is forgotten; one in use then is disposed when it is
/// handed back, so no cipher holds a key past <see cref="Forget"/> once its last user is done.
/// </remarks>
internal sealed class DataKeyCache(TimeProvider time, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<Guid, Entry> entries = new();

    /// <summary>When the next sweep of expired keys is due (UTC ticks): at most one per <see cref="SweepInterval"/>.</summary>
    private long nextSweep = (time.GetUtcNow() + lifetime).UtcTicks;

    /// <summary>
    /// How long an expired key may stay in memory before a read drops it: a quarter of the lifetime. Until then no read
    /// uses it (each checks the expiry). Issue 16: sweeping every 256 reads, as before, walked the whole cache (a key per
    /// case read in the last two minutes) every few requests, with every field's read counting on one shared counter.
    /// </summary>
    private TimeSpan SweepInterval => lifetime / 4;

    /// <summary>Keys held, expired ones not yet swept included; for tests.</summary>
    internal int Count => entries.Count;

    public bool TryGet(Guid keyId, out byte[] key)
    {
        if (Current(keyId) is { } entry)
        {
            key = entry.Key;
            return true;
        }

        key = [];
        return false;
    }

    /// <summary>Decrypts a field with the cached key's kept cipher; false when the key is not cached (or expired).</summary>
    public bool TryDecrypt(Guid keyId, FieldPlace place, ReadOnlySpan<byte> ciphertext, out byte[] plaintext)
    {
        if (!TryRent(keyId, out var rented))
        {
            plaintext = [];
            return false;
        }

        try
        {
            plaintext = FieldCipher.Decrypt(rented.Cipher, place, ciphertext);
            return true;
        }
        finally
        {
            rented.Return();
        }
    }

    /// <summary>
    /// Rents a kept cipher of the cached key for several fields; false when the key is not cached (or expired). Hand it
    /// back with <see cref="RentedCipher.Return"/>: a key forgotten meanwhile has its cipher disposed then.
    /// </summary>
    public bool TryRent(Guid keyId, out RentedCipher rented)
    {
        if (Current(keyId) is not { } entry)
        {
            rented = default;
            return false;
        }

        rented = new RentedCipher(entry, entry.Rent());
        return true;
    }

    /// <summary>Encrypts a field with the cached key's kept cipher; false when the key is not cached (or expired).</summary>
    public bool TryEncrypt(Guid keyId, int keyVersion, FieldPlace place, ReadOnlySpan<byte> plaintext, out byte[] ciphertext)
    {
        if (!TryRent(keyId, out var rented))
        {
            ciphertext = [];
            return false;
        }

        try
        {
            ciphertext = FieldCipher.Encrypt(rented.Cipher, keyId, keyVersion, place, plaintext);
            return true;
        }
        finally
        {
            rented.Return();
        }
    }

    public void Add(Guid keyId, byte[] key)
    {
        var added = new Entry(key, time.GetUtcNow() + lifetime);
        Entry? replaced = null;
        entries.AddOrUpdate(keyId, added, (_, old) =>
        {
            replaced = old;
            return added;
        });
        replaced?.Retire();
    }

    public void Forget(Guid keyId)
    {
        if (entries.TryRemove(keyId, out var entry))
        {
            entry.Retire();
            CryptographicOperations.ZeroMemory(entry.Key);
        }
    }

    /// <summary>Drops every key (after a KEK rotation, or in tests that prove keys are unwrapped afresh).</summary>
    public void Clear()
    {
        foreach (var id in entries.Keys)
        {
            if (entries.TryRemove(id, out var entry))
            {
                entry.Retire();
            }
        }
    }

    private Entry? Current(Guid keyId)
    {
        var now = time.GetUtcNow();
        if (now.UtcTicks >= Volatile.Read(ref nextSweep))
        {
            Sweep(now);
        }

        return entries.TryGetValue(keyId, out var entry) && entry.Expires > now ? entry : null;
    }

    private void Sweep(DateTimeOffset now)
    {
        // One reader sweeps; the others, finding the next sweep moved on, go on reading.
        var due = Volatile.Read(ref nextSweep);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref nextSweep, (now + SweepInterval).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var (id, entry) in entries)
        {
            if (entry.Expires <= now && entries.TryRemove(new KeyValuePair<Guid, Entry>(id, entry)))
            {
                entry.Retire();
            }
        }
    }

    /// <summary>A kept cipher rented from a cached key (<see cref="TryRent"/>).</summary>
    internal readonly struct RentedCipher
    {
        private readonly Entry entry;

        internal RentedCipher(Entry entry, FieldKey cipher)
        {
            this.entry = entry;
            Cipher = cipher;
        }

        /// <summary>The cipher, keyed with the rented key; for one user at a time.</summary>
        public FieldKey Cipher { get; }

        /// <summary>Hands the cipher back to its key (or disposes it, if the key was forgotten or expired meanwhile).</summary>
        public void Return() => entry.Return(Cipher);
    }

    /// <summary>A cached key and its kept ciphers.</summary>
    internal sealed class Entry(byte[] key, DateTimeOffset expires)
    {
        private readonly ConcurrentBag<FieldKey> ciphers = [];
        private volatile bool retired;

        public byte[] Key => key;

        public DateTimeOffset Expires => expires;

        public FieldKey Rent() => ciphers.TryTake(out var cipher) ? cipher : FieldCipher.Keyed(key);

        public void Return(FieldKey cipher)
        {
            if (retired)
            {
                cipher.Dispose();
                return;
            }

            ciphers.Add(cipher);

            // Retired between the check and the add: take it back out so it does not outlive the key.
            if (retired)
            {
                Drain();
            }
        }

        public void Retire()
        {
            retired = true;
            Drain();
        }

        private void Drain()
        {
            while (ciphers.TryTake(out var cipher))
            {
                cipher.Dispose();
            }
        }
    }
}
