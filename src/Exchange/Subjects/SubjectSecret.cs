using System.Security.Cryptography;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;

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

            var plain = await SystemKeys.GetOrCreateAsync(db, kek, Name, time, cancellationToken).ConfigureAwait(false);
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
