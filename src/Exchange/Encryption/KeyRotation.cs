using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Encryption;

/// <summary>
/// Re-wraps every data key (and the subject secret) under the current KEK version. Field ciphertexts are untouched:
/// rotation never re-encrypts data. Safe to run again after an interruption; it skips keys already current.
/// </summary>
internal sealed class KeyRotation(ExchangeDbContext db, IKeyEncryptionKey kek)
{
    /// <summary>Re-wraps what is not wrapped by the current KEK; reports progress as (done, total).</summary>
    public async Task<int> RewrapAsync(IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var keys = await db.DataKeys.Where(k => k.DestroyedAt == null).ToListAsync(cancellationToken).ConfigureAwait(false);
        var system = await db.SystemKeys.ToListAsync(cancellationToken).ConfigureAwait(false);
        var total = keys.Count + system.Count;
        var done = 0;
        var rewrapped = 0;
        foreach (var key in keys)
        {
            if (!await kek.IsCurrentAsync(key.KekId, cancellationToken).ConfigureAwait(false))
            {
                (key.KekId, key.Wrapped) = await RewrapAsync(key.KekId, key.Wrapped, cancellationToken).ConfigureAwait(false);
                rewrapped++;
            }

            if (++done % 500 == 0)
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                progress?.Report((done, total));
            }
        }

        foreach (var key in system)
        {
            if (!await kek.IsCurrentAsync(key.KekId, cancellationToken).ConfigureAwait(false))
            {
                (key.KekId, key.Wrapped) = await RewrapAsync(key.KekId, key.Wrapped, cancellationToken).ConfigureAwait(false);
                rewrapped++;
            }

            done++;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report((done, total));
        return rewrapped;
    }

    private async Task<(string KekId, byte[] Wrapped)> RewrapAsync(string kekId, byte[] wrapped, CancellationToken cancellationToken)
    {
        var plain = await kek.UnwrapAsync(new WrappedKey(kekId, wrapped), cancellationToken).ConfigureAwait(false);
        try
        {
            var fresh = await kek.WrapAsync(plain, cancellationToken).ConfigureAwait(false);
            return (fresh.KekId, fresh.Bytes);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(plain);
        }
    }
}
