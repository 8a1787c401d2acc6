using System.Security.Cryptography;

namespace Avz.Exchange.Encryption;

/// <summary>AES-256-GCM through .NET's <c>AesGcm</c> (OpenSSL on Linux): where libsodium's cannot run.</summary>
internal sealed class PlatformFieldKey(ReadOnlySpan<byte> key) : FieldKey
{
    private readonly AesGcm aes = new(key, TagLength);

    public override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associated, Span<byte> sealedOutput) =>
        aes.Encrypt(nonce, plaintext, sealedOutput[..plaintext.Length], sealedOutput.Slice(plaintext.Length, TagLength), associated);

    public override bool TryOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedInput, ReadOnlySpan<byte> associated, Span<byte> plaintext)
    {
        var length = sealedInput.Length - TagLength;
        try
        {
            aes.Decrypt(nonce, sealedInput[..length], sealedInput[length..], plaintext[..length], associated);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    public override void Dispose() => aes.Dispose();
}
