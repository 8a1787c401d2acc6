using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Avz.Exchange.Encryption;

/// <summary>
/// AES-256-GCM through libsodium (<c>crypto_aead_aes256gcm_*_afternm</c>): the key is expanded once, into libsodium's
/// precomputed state (the AES round keys and the GHASH key), and each field is one call on it. The state is read-only
/// after that, so one key serves concurrent callers; it lives in native memory and is zeroed when it is released.
/// </summary>
/// <remarks>
/// Called directly, not through NSec (which the access log uses for Ed25519): NSec's <c>Key</c> keeps a key in
/// libsodium's guarded allocation (a mapping of its own, page protections, a memory lock), which on this project's
/// machine took 63 µs per key and would have been paid for every data key the cache takes in; and NSec expands the key
/// again on every call. The platform's <c>AesGcm</c> keeps its key in OpenSSL's heap, as this state does.
/// </remarks>
internal sealed partial class SodiumFieldKey : FieldKey
{
    private const string Library = "libsodium";

    private readonly State state;

    public SodiumFieldKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyLength)
        {
            throw new ArgumentException($"An AES-256 key is {KeyLength} bytes.", nameof(key));
        }

        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("libsodium's AES-256-GCM does not run on this processor.");
        }

        state = State.Allocate();
        if (crypto_aead_aes256gcm_beforenm(state, key) != 0)
        {
            state.Dispose();
            throw new CryptographicException("libsodium could not expand the key.");
        }
    }

    /// <summary>
    /// Whether libsodium loads and its AES-256-GCM runs here: it needs the processor's AES and carry-less
    /// multiplication instructions (x86-64's AES-NI and PCLMULQDQ, or ARMv8's crypto extensions).
    /// </summary>
    public static bool IsSupported { get; } = Probe();

    public override void Seal(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associated, Span<byte> sealedOutput)
    {
        CheckNonce(nonce);
        if (sealedOutput.Length < plaintext.Length + TagLength)
        {
            throw new ArgumentException("The output has no room for the ciphertext and its tag.", nameof(sealedOutput));
        }

        if (crypto_aead_aes256gcm_encrypt_afternm(sealedOutput, out _, plaintext, (ulong)plaintext.Length, associated, (ulong)associated.Length, 0, nonce, state) != 0)
        {
            throw new CryptographicException("libsodium refused to encrypt.");
        }
    }

    public override bool TryOpen(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> sealedInput, ReadOnlySpan<byte> associated, Span<byte> plaintext)
    {
        CheckNonce(nonce);
        if (sealedInput.Length < TagLength || plaintext.Length < sealedInput.Length - TagLength)
        {
            throw new ArgumentException("The sealed input is shorter than a tag, or the output has no room for its plaintext.", nameof(sealedInput));
        }

        if (crypto_aead_aes256gcm_decrypt_afternm(plaintext, out _, 0, sealedInput, (ulong)sealedInput.Length, associated, (ulong)associated.Length, nonce, state) == 0)
        {
            return true;
        }

        // libsodium decrypts while it authenticates and leaves what it decrypted when the tag then fails (FieldKeyTests
        // saw it); the platform's AesGcm zeroes it. Unauthenticated plaintext is not left for anyone.
        CryptographicOperations.ZeroMemory(plaintext[..(sealedInput.Length - TagLength)]);
        return false;
    }

    public override void Dispose() => state.Dispose();

    private static void CheckNonce(ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != NonceLength)
        {
            throw new ArgumentException($"An AES-GCM nonce here is {NonceLength} bytes.", nameof(nonce));
        }
    }

    private static bool Probe()
    {
        try
        {
            // sodium_init is idempotent and safe to call from any thread: 0 on the first call, 1 after, -1 on failure.
            return sodium_init() >= 0 && crypto_aead_aes256gcm_is_available() == 1 && (int)crypto_aead_aes256gcm_statebytes() <= State.Size;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }

    [LibraryImport(Library)]
    private static partial int sodium_init();

    [LibraryImport(Library)]
    private static partial int crypto_aead_aes256gcm_is_available();

    [LibraryImport(Library)]
    private static partial nuint crypto_aead_aes256gcm_statebytes();

    [LibraryImport(Library)]
    private static partial int crypto_aead_aes256gcm_beforenm(State state, ReadOnlySpan<byte> key);

    [LibraryImport(Library)]
    private static partial int crypto_aead_aes256gcm_encrypt_afternm(
        Span<byte> c, out ulong clen, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> ad, ulong adlen, nint nsec, ReadOnlySpan<byte> npub, State state);

    [LibraryImport(Library)]
    private static partial int crypto_aead_aes256gcm_decrypt_afternm(
        Span<byte> m, out ulong mlen, nint nsec, ReadOnlySpan<byte> c, ulong clen, ReadOnlySpan<byte> ad, ulong adlen, ReadOnlySpan<byte> npub, State state);

    /// <summary>
    /// libsodium's <c>crypto_aead_aes256gcm_state</c>: 512 bytes, 16-byte aligned. A safe handle, so a call in flight
    /// keeps it alive when the key is disposed meanwhile, and the memory is zeroed and freed only after the last one.
    /// </summary>
    private sealed class State : SafeHandle
    {
        public const int Size = 512;

        public State()
            : base(0, ownsHandle: true)
        {
        }

        public override bool IsInvalid => handle == 0;

        public static unsafe State Allocate()
        {
            var state = new State();
            state.SetHandle((nint)NativeMemory.AlignedAlloc(Size, 16));
            return state;
        }

        protected override unsafe bool ReleaseHandle()
        {
            NativeMemory.Clear((void*)handle, Size);
            NativeMemory.AlignedFree((void*)handle);
            return true;
        }
    }
}
