namespace Avz.Audit.Merkle;

/// <summary>Reads the hash of a complete subtree: the node at <c>level</c> (0 = leaves) and <c>index</c> covers leaves [index·2^level, (index+1)·2^level).</summary>
public interface INodeHashReader
{
    /// <summary>Writes the node's hash into <paramref name="destination"/>.</summary>
    /// <param name="level">Height above the leaves.</param>
    /// <param name="index">Index of the node at that level.</param>
    /// <param name="destination">32 bytes.</param>
    void ReadNode(int level, long index, Span<byte> destination);
}
