using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Avz.Audit.Merkle;

/// <summary>
/// SHA-256 for the tree's leaf and node hashes, through OpenSSL's <c>SHA256_Init</c>, <c>SHA256_Update</c> and
/// <c>SHA256_Final</c> where .NET's own cryptography is OpenSSL (Linux), and through <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>
/// elsewhere.
/// </summary>
/// <remarks>
/// <para>
/// Both compute the same SHA-256 with the same processor instructions (SHA-NI where the processor has them); they differ
/// in what each call costs around the hash. .NET's one-shot goes through OpenSSL 3's EVP layer: a digest context made
/// and freed, the provider's method looked up, the error queue cleared: 0.47 µs on this project's 2-core machine for a
/// node's 65 bytes, of which the hashing itself is under 0.1 µs. The low-level functions hash on a context on the
/// caller's stack: 0.12 µs for a node, and 0.63 µs against 0.97 for an 893-byte leaf (issue 16;
/// <c>dotnet run -c Release --project bench/Audit.Benchmarks -- encode</c> measures both). The log's single writer
/// hashes about one node per appended entry and every caller one leaf, so this is on the path of every append.
/// </para>
/// <para>
/// The low-level functions are deprecated in OpenSSL 3 (for the EVP layer's provider model, such as a FIPS provider,
/// which they bypass) but exported by every OpenSSL 1.1 and 3 build that keeps its deprecated interfaces, as Debian's
/// does. Where the library or a function is missing, or the library's answer for a
/// known message is not the known digest, the platform's one-shot is used instead: never a wrong hash.
/// </para>
/// </remarks>
internal static unsafe class Sha256
{
    /// <summary>Room for OpenSSL's <c>SHA256_CTX</c> (112 bytes in 1.1 and 3), with a margin.</summary>
    private const int ContextSize = 256;

    private static readonly delegate* unmanaged<byte*, int> Init;
    private static readonly delegate* unmanaged<byte*, byte*, nuint, int> Update;
    private static readonly delegate* unmanaged<byte*, byte*, int> Final;

    static Sha256()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var name in (string[])["libcrypto.so.3", "libcrypto.so.1.1"])
        {
            if (NativeLibrary.TryLoad(name, out var library)
                && NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                Init = (delegate* unmanaged<byte*, int>)init;
                Update = (delegate* unmanaged<byte*, byte*, nuint, int>)update;
                Final = (delegate* unmanaged<byte*, byte*, int>)final;
                if (AnswersKnownDigest())
                {
                    Native = true;
                    return;
                }
            }
        }
    }

    /// <summary>Whether OpenSSL's low-level functions are in use; otherwise .NET's one-shot.</summary>
    public static bool Native { get; }

    /// <summary>SHA-256 of <paramref name="message"/>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="destination">32 bytes.</param>
    public static void Hash(ReadOnlySpan<byte> message, Span<byte> destination) => Hash(message, [], destination);

    /// <summary>SHA-256 of <paramref name="first"/> followed by <paramref name="second"/>, without copying them together.</summary>
    /// <param name="first">The start of the message, such as RFC 9162's one-byte domain separation.</param>
    /// <param name="second">The rest of the message.</param>
    /// <param name="destination">32 bytes.</param>
    public static void Hash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        if (destination.Length < MerkleHash.Size)
        {
            throw new ArgumentException("A SHA-256 hash takes 32 bytes.", nameof(destination));
        }

        if (Native)
        {
            HashNative(first, second, destination);
        }
        else
        {
            HashPlatform(first, second, destination);
        }
    }

    /// <summary>The platform's one-shot, over a pooled copy of both parts; also the reference the tests hold the native path to.</summary>
    internal static void HashPlatform(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        if (second.IsEmpty)
        {
            SHA256.HashData(first, destination);
            return;
        }

        var input = System.Buffers.ArrayPool<byte>.Shared.Rent(first.Length + second.Length);
        try
        {
            first.CopyTo(input);
            second.CopyTo(input.AsSpan(first.Length));
            SHA256.HashData(input.AsSpan(0, first.Length + second.Length), destination);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>OpenSSL's low-level functions on a context on this stack. Only when <see cref="Native"/>, or while probing.</summary>
    internal static void HashNative(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        var context = stackalloc byte[ContextSize];
        fixed (byte* one = first)
        fixed (byte* two = second)
        fixed (byte* hash = destination)
        {
            // Each returns 1: the context is on this stack and the buffers pinned, so none has anything to fail on.
            _ = Init(context);
            _ = Update(context, one, (nuint)first.Length);
            if (!second.IsEmpty)
            {
                _ = Update(context, two, (nuint)second.Length);
            }

            _ = Final(hash, context);
        }
    }

    /// <summary>SHA-256("abc") must be FIPS 180-2's digest, and a leaf-sized message must hash as the platform hashes it.</summary>
    private static bool AnswersKnownDigest()
    {
        Span<byte> digest = stackalloc byte[MerkleHash.Size];
        HashNative("a"u8, "bc"u8, digest);
        if (!digest.SequenceEqual(Convert.FromHexString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")))
        {
            return false;
        }

        Span<byte> message = stackalloc byte[700];
        for (var i = 0; i < message.Length; i++)
        {
            message[i] = (byte)(i * 31);
        }

        Span<byte> platform = stackalloc byte[MerkleHash.Size];
        HashNative([0x00], message, digest);
        HashPlatform([0x00], message, platform);
        return digest.SequenceEqual(platform);
    }
}
