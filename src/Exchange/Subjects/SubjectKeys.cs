using System.Security.Cryptography;
using System.Text;

namespace Avz.Exchange.Subjects;

/// <summary>
/// Keyed functions over a BSN: a blind index to find a subject's cases without storing the BSN in the clear, and a
/// pseudonym for the access log. Both are HMAC-SHA-256 under keys derived (HKDF) from one subject secret, which is
/// itself wrapped by the key-encryption key; without the secret neither value can be linked back to a BSN.
/// </summary>
internal sealed class SubjectKeys : IDisposable
{
    private readonly byte[] indexKey;
    private readonly byte[] pseudonymKey;

    public SubjectKeys(ReadOnlySpan<byte> secret)
    {
        if (secret.Length < 32)
        {
            throw new ArgumentException("The subject secret must hold at least 32 bytes.", nameof(secret));
        }

        indexKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), 32, info: "avz-exchange/subject-blind-index/v1"u8.ToArray());
        pseudonymKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), 32, info: "avz-exchange/subject-pseudonym/v1"u8.ToArray());
    }

    /// <summary>The blind index of a BSN: the same BSN always gives the same 32 bytes.</summary>
    public byte[] BlindIndex(string bsn) => HMACSHA256.HashData(indexKey, Encoding.ASCII.GetBytes(bsn));

    /// <summary>
    /// The access log's pseudonym of a subject (<c>ps1:</c> + base64url of an HMAC): stable within this installation,
    /// so a privacy officer can gather one person's entries (AVG art. 15), and meaningless outside it (Logboek
    /// Dataverwerkingen: pseudonymised data_subject_id).
    /// </summary>
    public string Pseudonym(string bsn)
    {
        var mac = HMACSHA256.HashData(pseudonymKey, Encoding.ASCII.GetBytes(bsn));
        return "ps1:" + System.Buffers.Text.Base64Url.EncodeToString(mac);
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(indexKey);
        CryptographicOperations.ZeroMemory(pseudonymKey);
    }
}
