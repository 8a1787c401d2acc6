using System.Security.Cryptography;

namespace Avz.Audit.Merkle;

/// <summary>The hashes of RFC 9162 §2.1.1: SHA-256 with domain separation between leaves and nodes.</summary>
public static class MerkleHash
{
    /// <summary>Size of every hash, in bytes.</summary>
    public const int Size = 32;

    /// <summary>The root of the empty tree: SHA-256 of nothing (RFC 9162 §2.1.1).</summary>
    public static byte[] EmptyRoot { get; } = SHA256.HashData([]);

    /// <summary>Leaf hash: SHA-256(0x00 || leaf).</summary>
    /// <param name="leaf">The leaf bytes.</param>
    /// <returns>The 32-byte hash.</returns>
    public static byte[] Leaf(ReadOnlySpan<byte> leaf)
    {
        var hash = new byte[Size];
        Leaf(leaf, hash);
        return hash;
    }

    /// <summary>Leaf hash into a buffer.</summary>
    /// <param name="leaf">The leaf bytes.</param>
    /// <param name="destination">32 bytes.</param>
    public static void Leaf(ReadOnlySpan<byte> leaf, Span<byte> destination)
    {
        ReadOnlySpan<byte> prefix = [0x00];
        Sha256.Hash(prefix, leaf, destination);
    }

    /// <summary>Node hash: SHA-256(0x01 || left || right).</summary>
    /// <param name="left">The left child's hash.</param>
    /// <param name="right">The right child's hash.</param>
    /// <returns>The 32-byte hash.</returns>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        Node(left, right, hash);
        return hash;
    }

    /// <summary>Node hash into a buffer.</summary>
    /// <param name="left">The left child's hash.</param>
    /// <param name="right">The right child's hash.</param>
    /// <param name="destination">32 bytes.</param>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[1 + (2 * Size)];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + Size)..]);
        Sha256.Hash(input, destination);
    }
}
