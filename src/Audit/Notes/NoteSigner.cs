using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Avz.Audit.Notes;

/// <summary>
/// Signs C2SP signed notes (c2sp.org/signed-note) with Ed25519. Ed25519 signatures are deterministic, so signing the
/// same text with the same key gives the same bytes.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private const string PrivatePrefix = "PRIVATE+KEY+";
    private readonly Key key;

    private NoteSigner(string name, Key key)
    {
        if (!NoteKeys.IsValidName(name))
        {
            throw new ArgumentException("A key name must be non-empty and contain no spaces, newlines or '+'.", nameof(name));
        }

        Name = name;
        this.key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyId = NoteKeys.KeyId(name, PublicKey);
    }

    /// <summary>The key name, written in every signature line; for a log, its origin.</summary>
    public string Name { get; }

    /// <summary>The 32-bit key id.</summary>
    public uint KeyId { get; }

    /// <summary>The raw Ed25519 public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The verifier key string, <c>name+hexid+base64(0x01||publickey)</c>: publish it so anyone can check notes.</summary>
    public string VerifierKey => $"{Name}+{KeyId:x8}+{Convert.ToBase64String([NoteKeys.Ed25519Type, .. PublicKey])}";

    /// <summary>The signer key string, <c>PRIVATE+KEY+name+hexid+base64(0x01||seed)</c>. A secret: store it owner-only, never log it.</summary>
    public string ExportSignerKey()
    {
        var seed = key.Export(KeyBlobFormat.RawPrivateKey);
        try
        {
            return $"{PrivatePrefix}{Name}+{KeyId:x8}+{Convert.ToBase64String([NoteKeys.Ed25519Type, .. seed])}";
        }
        finally
        {
            Array.Clear(seed);
        }
    }

    /// <summary>Creates a new random key.</summary>
    /// <param name="name">The key name.</param>
    /// <returns>The signer.</returns>
    public static NoteSigner Generate(string name) =>
        new(name, Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>Reads a signer key string.</summary>
    /// <param name="signerKey">The key string.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="FormatException">The string is not an Ed25519 signer key whose id matches its key; the message never contains the key.</exception>
    public static NoteSigner Parse(string signerKey)
    {
        ArgumentNullException.ThrowIfNull(signerKey);
        if (!signerKey.StartsWith(PrivatePrefix, StringComparison.Ordinal))
        {
            throw new FormatException("A signer key starts with PRIVATE+KEY+.");
        }

        var parts = NoteKeys.Split(signerKey[PrivatePrefix.Length..], 3);
        byte[] blob;
        try
        {
            blob = parts.Length == 3 ? Convert.FromBase64String(parts[2]) : [];
        }
        catch (FormatException)
        {
            throw new FormatException("The signer key's last part is not base64.");
        }

        if (blob.Length != 33 || blob[0] != NoteKeys.Ed25519Type || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var id))
        {
            throw new FormatException("The signer key is not an Ed25519 key of the form PRIVATE+KEY+name+id+key.");
        }

        var key = Key.Import(SignatureAlgorithm.Ed25519, blob.AsSpan(1), KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        Array.Clear(blob);
        var signer = new NoteSigner(parts[0], key);
        if (signer.KeyId != id)
        {
            signer.Dispose();
            throw new FormatException("The signer key's id does not match its name and key.");
        }

        return signer;
    }

    /// <summary>Signs a text: returns the text, a blank line and one signature line.</summary>
    /// <param name="text">UTF-8 text ending in a newline, without other control characters.</param>
    /// <returns>The signed note.</returns>
    public string Sign(string text)
    {
        SignedNote.CheckText(text);
        var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(text));
        var blob = new byte[4 + signature.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId);
        signature.CopyTo(blob, 4);
        return $"{text}\n{SignedNote.SignatureDash} {Name} {Convert.ToBase64String(blob)}\n";
    }

    /// <inheritdoc />
    public void Dispose() => key.Dispose();
}
