using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Avz.Exchange.Encryption;

/// <summary>
/// Unwrapped data keys, kept in memory for a short time so a request does not call the KEK (an HSM or Key Vault round
/// trip) for every field. Never written anywhere. Expired keys are dropped, not zeroed: a request that read the key a
/// moment before expiry may still be encrypting with it, and zeroing would have it encrypt under an all-zero key. A
/// shredded case's key is zeroed (<see cref="Forget"/>): nothing may use it any more.
/// </summary>
internal sealed class DataKeyCache(TimeProvider time, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<Guid, Entry> entries = new();
    private int reads;

    public bool TryGet(Guid keyId, out byte[] key)
    {
        if (++reads % 256 == 0)
        {
            Sweep();
        }

        if (entries.TryGetValue(keyId, out var entry) && entry.Expires > time.GetUtcNow())
        {
            key = entry.Key;
            return true;
        }

        key = [];
        return false;
    }

    public void Add(Guid keyId, byte[] key) => entries[keyId] = new Entry(key, time.GetUtcNow() + lifetime);

    public void Forget(Guid keyId)
    {
        if (entries.TryRemove(keyId, out var entry))
        {
            CryptographicOperations.ZeroMemory(entry.Key);
        }
    }

    /// <summary>Drops every key (after a KEK rotation, or in tests that prove keys are unwrapped afresh).</summary>
    public void Clear() => entries.Clear();

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, entry) in entries)
        {
            if (entry.Expires <= now)
            {
                entries.TryRemove(new KeyValuePair<Guid, Entry>(id, entry));
            }
        }
    }

    private sealed record Entry(byte[] Key, DateTimeOffset Expires);
}
