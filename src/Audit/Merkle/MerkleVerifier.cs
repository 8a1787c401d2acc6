using System.Security.Cryptography;

namespace Avz.Audit.Merkle;

/// <summary>Verifies inclusion and consistency proofs exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 describe.</summary>
public static class MerkleVerifier
{
    /// <summary>Checks that a leaf is at an index of a tree with the given root.</summary>
    /// <param name="index">0-based leaf index.</param>
    /// <param name="treeSize">Size of the tree the root belongs to.</param>
    /// <param name="leafHash">The leaf's hash.</param>
    /// <param name="proof">The inclusion path, bottom to top.</param>
    /// <param name="root">The tree's root hash.</param>
    /// <returns>Whether the proof holds.</returns>
    public static bool VerifyInclusion(long index, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);

        // RFC 9162 §2.1.3.2 step 1.
        if (index < 0 || index >= treeSize || leafHash.Length != MerkleHash.Size || root.Length != MerkleHash.Size)
        {
            return false;
        }

        // Steps 2 and 3.
        var fn = index;
        var sn = treeSize - 1;
        Span<byte> r = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(r);

        // Step 4.
        foreach (var p in proof)
        {
            if (sn == 0 || p is not { Length: MerkleHash.Size })
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(p, r, r);
                ShiftUntilSetOrZero(ref fn, ref sn);
            }
            else
            {
                MerkleHash.Node(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // Step 5.
        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, root);
    }

    /// <summary>Checks that a tree of <paramref name="size2"/> leaves extends one of <paramref name="size1"/> leaves.</summary>
    /// <param name="size1">The earlier size; must be at least 1.</param>
    /// <param name="size2">The later size.</param>
    /// <param name="proof">The consistency path.</param>
    /// <param name="root1">The earlier root.</param>
    /// <param name="root2">The later root.</param>
    /// <returns>Whether the proof holds.</returns>
    public static bool VerifyConsistency(long size1, long size2, IReadOnlyList<byte[]>? proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        proof ??= [];

        // A consistency proof from the empty tree proves nothing, so it is refused even between two empty trees.
        if (size1 <= 0 || size2 < size1)
        {
            return false;
        }

        if (size1 == size2)
        {
            return proof.Count == 0 && root1.SequenceEqual(root2);
        }

        if (root1.Length != MerkleHash.Size || root2.Length != MerkleHash.Size)
        {
            return false;
        }

        // RFC 9162 §2.1.4.2 step 1.
        if (proof.Count == 0)
        {
            return false;
        }

        // Step 2: when size1 is a power of two, the old root is itself a node of the new tree.
        var path = new List<byte[]>(proof.Count + 1);
        if ((size1 & (size1 - 1)) == 0)
        {
            path.Add(root1.ToArray());
        }

        path.AddRange(proof);
        if (path.Any(p => p is not { Length: MerkleHash.Size }))
        {
            return false;
        }

        // Steps 3 and 4.
        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // Step 5.
        Span<byte> fr = stackalloc byte[MerkleHash.Size];
        Span<byte> sr = stackalloc byte[MerkleHash.Size];
        path[0].CopyTo(fr);
        path[0].CopyTo(sr);

        // Step 6.
        for (var i = 1; i < path.Count; i++)
        {
            var c = path[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(c, fr, fr);
                MerkleHash.Node(c, sr, sr);
                ShiftUntilSetOrZero(ref fn, ref sn);
            }
            else
            {
                MerkleHash.Node(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        // Step 7.
        return CryptographicOperations.FixedTimeEquals(fr, root1) && CryptographicOperations.FixedTimeEquals(sr, root2) && sn == 0;
    }

    /// <summary>The step both RFC 9162 algorithms share (§2.1.3.2 4b, §2.1.4.2 6): shift fn and sn right together until LSB(fn) is set or fn is 0.</summary>
    private static void ShiftUntilSetOrZero(ref long fn, ref long sn)
    {
        while ((fn & 1) == 0 && fn != 0)
        {
            fn >>= 1;
            sn >>= 1;
        }
    }
}
