using System.Security.Cryptography;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Subjects;

/// <summary>
/// Loads the installation's subject secret (behind blind index and pseudonym) from the database, unwrapping it with the
/// KEK; creates it on first use. Held for the life of the process.
/// </summary>
internal sealed class SubjectSecret(IKeyEncryptionKey kek, TimeProvider time) : IDisposable
{
    public const string Name = "subject-secret";
    private readonly SemaphoreSlim gate = new(1, 1);
    private SubjectKeys? keys;

    public async Task<SubjectKeys> GetAsync(ExchangeDbContext db, CancellationToken cancellationToken)
    {
        if (keys is { } ready)
        {
            return ready;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (keys is not null)
            {
                return keys;
            }

            var record = await db.SystemKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Name == Name, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                var secret = RandomNumberGenerator.GetBytes(32);
                var wrapped = await kek.WrapAsync(secret, cancellationToken).ConfigureAwait(false);
                record = new SystemKeyRecord { Name = Name, KekId = wrapped.KekId, Wrapped = wrapped.Bytes, CreatedAt = time.GetUtcNow() };
                db.SystemKeys.Add(record);
                try
                {
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DbUpdateException)
                {
                    // Another node created it first: use theirs, or blind indexes would differ between nodes.
                    db.ChangeTracker.Clear();
                    record = await db.SystemKeys.AsNoTracking().FirstAsync(k => k.Name == Name, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    db.ChangeTracker.Clear();
                }
            }

            var plain = await kek.UnwrapAsync(new WrappedKey(record.KekId, record.Wrapped), cancellationToken).ConfigureAwait(false);
            keys = new SubjectKeys(plain);
            CryptographicOperations.ZeroMemory(plain);
            return keys;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        keys?.Dispose();
        gate.Dispose();
    }
}
