using System.Security.Cryptography;
using Avz.Exchange.Data;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Encryption;

/// <summary>
/// The gateway's own secrets that belong to no case (the subject secret, the review-comment key): 32 random bytes
/// each, wrapped by the key-encryption key in <c>system_keys</c>, re-wrapped by <c>avz keys rotate</c> with the rest.
/// </summary>
internal static class SystemKeys
{
    /// <summary>The named secret, unwrapped; made and stored on first use. Nodes racing to make it agree on the first stored.</summary>
    public static async Task<byte[]> GetOrCreateAsync(ExchangeDbContext db, IKeyEncryptionKey kek, string name, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await db.SystemKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Name == name, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            var secret = RandomNumberGenerator.GetBytes(32);
            var wrapped = await kek.WrapAsync(secret, cancellationToken).ConfigureAwait(false);
            CryptographicOperations.ZeroMemory(secret);
            record = new SystemKeyRecord { Name = name, KekId = wrapped.KekId, Wrapped = wrapped.Bytes, CreatedAt = time.GetUtcNow() };
            db.SystemKeys.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Another node created it first: use theirs, or the nodes would disagree.
                db.ChangeTracker.Clear();
                record = await db.SystemKeys.AsNoTracking().FirstAsync(k => k.Name == name, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return await kek.UnwrapAsync(new WrappedKey(record.KekId, record.Wrapped), cancellationToken).ConfigureAwait(false);
    }
}
