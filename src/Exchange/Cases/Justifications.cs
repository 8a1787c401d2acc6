using System.Text;
using Avz.Audit.Entries;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

/// <summary>
/// Emergency justifications, kept beside the access log rather than in it: the leaf carries a salted commitment
/// (<see cref="TextCommitment"/>), the salt and text are stored encrypted under the case's data key. The text is
/// stored before the entry is appended, so no entry ever commits to a text that is not there; a text whose entry
/// then failed reveals nothing and goes with the case at retention.
/// </summary>
internal sealed class Justifications(CaseKeys keys, WriteGate writes, TimeProvider time)
{
    private const string Item = "justification";

    public async Task<TextCommitment> StoreAsync(ExchangeDbContext db, Guid caseId, string text, CancellationToken cancellationToken)
    {
        var commitment = TextCommitment.Create(text, out var salt);
        var (dataKey, key) = await keys.CurrentAsync(db, caseId, cancellationToken).ConfigureAwait(false);
        var plaintext = new byte[salt.Length + Encoding.UTF8.GetByteCount(text)];
        salt.CopyTo(plaintext, 0);
        Encoding.UTF8.GetBytes(text, plaintext.AsSpan(salt.Length));
        var record = new JustificationRecord
        {
            Commitment = commitment.Value,
            CaseId = caseId,
            Ciphertext = keys.Encrypt(dataKey, key, Item, commitment.Value, plaintext),
            StoredAt = time.GetUtcNow(),
        };
        db.Justifications.Add(record);
        using (await writes.EnterAsync(db, cancellationToken).ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        db.Entry(record).State = EntityState.Detached;
        return commitment;
    }

    /// <summary>The text a commitment stands for, checked against it; null when it was erased (or never stored).</summary>
    public async Task<string?> ReadAsync(ExchangeDbContext db, TextCommitment commitment, CancellationToken cancellationToken)
    {
        var record = await db.Justifications.AsNoTracking().FirstOrDefaultAsync(j => j.Commitment == commitment.Value, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var plaintext = await keys.DecryptAsync(db, new FieldPlace(record.CaseId, Item, record.Commitment), record.Ciphertext, cancellationToken).ConfigureAwait(false);
        var salt = plaintext.AsSpan(0, TextCommitment.SaltLength);
        var text = Encoding.UTF8.GetString(plaintext, TextCommitment.SaltLength, plaintext.Length - TextCommitment.SaltLength);
        return commitment.Matches(salt, text)
            ? text
            : throw new FieldDecryptionException($"The justification stored for {commitment} does not match its commitment.");
    }
}
