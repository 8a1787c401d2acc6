using System.Security.Cryptography;
using System.Text;

namespace Avz.Audit.Entries;

/// <summary>
/// A salted commitment to free text that must not enter an append-only leaf (an emergency justification can hold
/// personal data the log could never erase): SHA-256 over a 16-byte random salt followed by the text's UTF-8 bytes,
/// written <c>sha256:</c> and 64 lowercase hex digits. The salt and the text are kept beside the log, encrypted;
/// whoever reads them checks them against the leaf with <see cref="Matches"/>. Erasing them leaves a commitment that
/// reveals nothing, and the log still verifies. The salt is secret too: without it a short text could be guessed.
/// </summary>
public sealed class TextCommitment : IEquatable<TextCommitment>
{
    /// <summary>The salt's length in bytes.</summary>
    public const int SaltLength = 16;

    private const string Prefix = "sha256:";

    private TextCommitment(string value) => Value = value;

    /// <summary>The commitment as the leaf carries it.</summary>
    public string Value { get; }

    /// <summary>Commits to a text under a fresh random salt.</summary>
    /// <param name="text">The text.</param>
    /// <param name="salt">The salt, to keep (secret) with the text.</param>
    /// <returns>The commitment.</returns>
    public static TextCommitment Create(string text, out byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(text);
        salt = RandomNumberGenerator.GetBytes(SaltLength);
        return new TextCommitment(Prefix + Convert.ToHexStringLower(Hash(salt, text)));
    }

    /// <summary>Reads a commitment as the leaf carries it.</summary>
    /// <param name="value">The text <c>sha256:</c> followed by 64 lowercase hex digits.</param>
    /// <param name="commitment">The commitment, when the text is one.</param>
    /// <returns>Whether it is.</returns>
    public static bool TryParse(string? value, out TextCommitment? commitment)
    {
        commitment = value is { Length: 71 } && value.StartsWith(Prefix, StringComparison.Ordinal) && IsLowerHex(value.AsSpan(Prefix.Length))
            ? new TextCommitment(value)
            : null;
        return commitment is not null;
    }

    /// <summary>Whether a salt and a text are the ones committed to.</summary>
    /// <param name="salt">The salt kept beside the log.</param>
    /// <param name="text">The text kept beside the log.</param>
    /// <returns>Whether they match.</returns>
    public bool Matches(ReadOnlySpan<byte> salt, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> expected = stackalloc byte[32];
        Convert.FromHexString(Value.AsSpan(Prefix.Length), expected, out _, out _);
        return CryptographicOperations.FixedTimeEquals(expected, Hash(salt, text));
    }

    /// <inheritdoc/>
    public bool Equals(TextCommitment? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TextCommitment);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] Hash(ReadOnlySpan<byte> salt, string text)
    {
        var bytes = new byte[salt.Length + Encoding.UTF8.GetByteCount(text)];
        salt.CopyTo(bytes);
        Encoding.UTF8.GetBytes(text, bytes.AsSpan(salt.Length));
        return SHA256.HashData(bytes);
    }
}
