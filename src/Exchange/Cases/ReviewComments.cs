using System.Security.Cryptography;
using System.Text;
using Avz.Audit.Entries;
using Avz.Exchange.Data;
using Avz.Exchange.Encryption;
using Microsoft.EntityFrameworkCore;

namespace Avz.Exchange.Cases;

/// <summary>Review verdict comments beside the log: committed to in the verdict's leaf, stored encrypted under the review-comment system key.</summary>
internal sealed class ReviewComments(IKeyEncryptionKey kek, WriteGate writes, TimeProvider time)
{
    public const string KeyName = "review-comments";

    public async Task<TextCommitment> StoreAsync(ExchangeDbContext db, string text, CancellationToken cancellationToken)
    {
        var commitment = TextCommitment.Create(text, out var salt);
        var key = await SystemKeys.GetOrCreateAsync(db, kek, KeyName, time, cancellationToken).ConfigureAwait(false);
        try
        {
            var plaintext = new byte[salt.Length + Encoding.UTF8.GetByteCount(text)];
            salt.CopyTo(plaintext, 0);
            Encoding.UTF8.GetBytes(text, plaintext.AsSpan(salt.Length));
            var sealedText = new byte[12 + 16 + plaintext.Length];
            RandomNumberGenerator.Fill(sealedText.AsSpan(0, 12));
            using (var aes = new AesGcm(key, 16))
            {
                aes.Encrypt(sealedText.AsSpan(0, 12), plaintext, sealedText.AsSpan(28), sealedText.AsSpan(12, 16), Encoding.ASCII.GetBytes(commitment.Value));
            }

            db.ReviewComments.Add(new ReviewCommentRecord { Commitment = commitment.Value, Ciphertext = sealedText, StoredAt = time.GetUtcNow() });
            using (await writes.EnterAsync(db, cancellationToken).ConfigureAwait(false))
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            db.ChangeTracker.Clear();
            return commitment;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public async Task<string?> ReadAsync(ExchangeDbContext db, TextCommitment commitment, CancellationToken cancellationToken)
    {
        var record = await db.ReviewComments.AsNoTracking().FirstOrDefaultAsync(c => c.Commitment == commitment.Value, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var key = await SystemKeys.GetOrCreateAsync(db, kek, KeyName, time, cancellationToken).ConfigureAwait(false);
        try
        {
            var plaintext = new byte[record.Ciphertext.Length - 28];
            using (var aes = new AesGcm(key, 16))
            {
                aes.Decrypt(record.Ciphertext.AsSpan(0, 12), record.Ciphertext.AsSpan(28), record.Ciphertext.AsSpan(12, 16), plaintext, Encoding.ASCII.GetBytes(commitment.Value));
            }

            var text = Encoding.UTF8.GetString(plaintext, TextCommitment.SaltLength, plaintext.Length - TextCommitment.SaltLength);
            return commitment.Matches(plaintext.AsSpan(0, TextCommitment.SaltLength), text)
                ? text
                : throw new FieldDecryptionException($"The comment stored for {commitment} does not match its commitment.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}
