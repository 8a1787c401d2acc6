using System.Numerics;

namespace Avz.Audit.Merkle;

/// <summary>
/// Root hashes and proofs of RFC 9162 §2.1, computed from complete subtree hashes only, so they cost O(log n) node
/// reads whatever the size of the tree.
/// </summary>
public static class MerkleTree
{
    /// <summary>The root of the first <paramref name="size"/> leaves.</summary>
    /// <param name="size">Tree size.</param>
    /// <param name="nodes">Where complete subtree hashes come from.</param>
    /// <returns>The root hash (SHA-256 of nothing for the empty tree).</returns>
    public static byte[] Root(long size, INodeHashReader nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return size == 0 ? (byte[])MerkleHash.EmptyRoot.Clone() : RangeHash(0, size, nodes);
    }

    /// <summary>The inclusion path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves (RFC 9162 §2.1.3.1).</summary>
    /// <param name="index">0-based leaf index.</param>
    /// <param name="size">Tree size; larger than the index.</param>
    /// <param name="nodes">Where complete subtree hashes come from.</param>
    /// <returns>The path, bottom to top.</returns>
    public static IReadOnlyList<byte[]> InclusionProof(long index, long size, INodeHashReader nodes)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "The leaf index must be below the tree size.");
        }

        var path = new List<byte[]>();
        Path(index, 0, size, nodes, path);
        return path;
    }

    /// <summary>The consistency proof between sizes <paramref name="size1"/> and <paramref name="size2"/> (RFC 9162 §2.1.4.1).</summary>
    /// <param name="size1">The earlier size, at least 1.</param>
    /// <param name="size2">The later size, at least <paramref name="size1"/>.</param>
    /// <param name="nodes">Where complete subtree hashes come from.</param>
    /// <returns>The proof; empty when the sizes are equal.</returns>
    public static IReadOnlyList<byte[]> ConsistencyProof(long size1, long size2, INodeHashReader nodes)
    {
        if (size1 < 1 || size2 < size1)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), "A consistency proof needs 1 <= size1 <= size2.");
        }

        var proof = new List<byte[]>();
        SubProof(size1, 0, size2, complete: true, nodes, proof);
        return proof;
    }

    /// <summary>MTH of leaves [start, end), where start is aligned to the largest power of two below the range's size, as every range of the RFC's recursion is.</summary>
    internal static byte[] RangeHash(long start, long end, INodeHashReader nodes)
    {
        var n = end - start;
        if (BitOperations.IsPow2(n) && start % n == 0)
        {
            var hash = new byte[MerkleHash.Size];
            nodes.ReadNode(BitOperations.Log2((ulong)n), start / n, hash);
            return hash;
        }

        var k = LargestPowerOfTwoBelow(n);
        return MerkleHash.Node(RangeHash(start, start + k, nodes), RangeHash(start + k, end, nodes));
    }

    private static void Path(long m, long start, long end, INodeHashReader nodes, List<byte[]> path)
    {
        var n = end - start;
        if (n == 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m < start + k)
        {
            Path(m, start, start + k, nodes, path);
            path.Add(RangeHash(start + k, end, nodes));
        }
        else
        {
            Path(m, start + k, end, nodes, path);
            path.Add(RangeHash(start, start + k, nodes));
        }
    }

    private static void SubProof(long m, long start, long end, bool complete, INodeHashReader nodes, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(RangeHash(start, end, nodes));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, nodes, proof);
            proof.Add(RangeHash(start + k, end, nodes));
        }
        else
        {
            SubProof(m - k, start + k, end, complete: false, nodes, proof);
            proof.Add(RangeHash(start, start + k, nodes));
        }
    }

    /// <summary>The largest power of two strictly below n (n at least 2).</summary>
    internal static long LargestPowerOfTwoBelow(long n) => 1L << BitOperations.Log2((ulong)(n - 1));
}
