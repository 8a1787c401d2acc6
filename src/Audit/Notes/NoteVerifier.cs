using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Avz.Audit.Notes;

/// <summary>Checks C2SP signed notes against one Ed25519 verifier key.</summary>
public sealed class NoteVerifier
{
    private readonly PublicKey publicKey;

    private NoteVerifier(string name, uint keyId, PublicKey publicKey)
    {
        Name = name;
        KeyId = keyId;
        this.publicKey = publicKey;
    }

    /// <summary>The key name.</summary>
    public string Name { get; }

    /// <summary>The key id.</summary>
    public uint KeyId { get; }

    /// <summary>Reads a verifier key string <c>name+hexid+base64(0x01||publickey)</c>.</summary>
    /// <param name="verifierKey">The key string.</param>
    /// <returns>The verifier.</returns>
    /// <exception cref="FormatException">The string is not a valid Ed25519 verifier key.</exception>
    public static NoteVerifier Parse(string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(verifierKey);
        var parts = NoteKeys.Split(verifierKey, 3);
        if (parts.Length != 3 || !NoteKeys.IsValidName(parts[0]) || parts[1].Length != 8
            || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            throw new FormatException("A verifier key has the form name+hexid+base64key.");
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            throw new FormatException("The verifier key's last part is not base64.");
        }

        if (blob.Length != 33 || blob[0] != NoteKeys.Ed25519Type)
        {
            throw new FormatException("The verifier key is not an Ed25519 key (type 0x01, 32 bytes).");
        }

        if (NoteKeys.KeyId(parts[0], blob.AsSpan(1)) != id)
        {
            throw new FormatException("The verifier key's id does not match its name and key.");
        }

        return new NoteVerifier(parts[0], id, PublicKey.Import(SignatureAlgorithm.Ed25519, blob.AsSpan(1), KeyBlobFormat.RawPublicKey));
    }

    /// <summary>Verifies a note: it must be well-formed and carry a valid signature by this key.</summary>
    /// <param name="note">The signed note.</param>
    /// <param name="text">The signed text, when valid.</param>
    /// <returns>Whether the note verifies.</returns>
    public bool TryVerify(string note, out string text)
    {
        text = "";
        if (!SignedNote.TryParse(note, out var body, out var signatures))
        {
            return false;
        }

        var data = Encoding.UTF8.GetBytes(body);
        foreach (var (name, keyId, signature) in signatures)
        {
            if (name == Name && keyId == KeyId && signature.Length == 64 && SignatureAlgorithm.Ed25519.Verify(publicKey, data, signature))
            {
                text = body;
                return true;
            }
        }

        return false;
    }
}
