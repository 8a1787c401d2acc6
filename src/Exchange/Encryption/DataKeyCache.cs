using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Avz.Exchange.Encryption;

/// <summary>
/// Unwrapped data keys, kept in memory for a short time so a request does not call the KEK (an HSM or Key Vault round
/// trip) for every field. Never written anywhere; zeroed when they expire or their case is shredded.
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

    /// <summary>Forgets every key (after a KEK rotation, or in tests that prove keys are unwrapped afresh).</summary>
    public void Clear()
    {
        foreach (var id in entries.Keys)
        {
            Forget(id);
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, entry) in entries)
        {
            if (entry.Expires <= now && entries.TryRemove(new KeyValuePair<Guid, Entry>(id, entry)))
            {
                // A request that read the key just before may still use it; it holds its own reference, and the
                // zeroing only affects a later reader, who has already been told the entry is gone.
                CryptographicOperations.ZeroMemory(entry.Key);
            }
        }
    }

    private sealed record Entry(byte[] Key, DateTimeOffset Expires);
}
