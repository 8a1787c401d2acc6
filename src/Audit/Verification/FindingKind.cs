namespace Avz.Audit.Verification;

/// <summary>What the verifier found wrong.</summary>
public enum FindingKind
{
    /// <summary>An entry's bytes differ from what the tiles or a signed checkpoint commit to.</summary>
    Modified,

    /// <summary>An entry is gone: a gap in the indices, or fewer entries than a checkpoint signed.</summary>
    Missing,

    /// <summary>An entry was added that the log did not write at that place.</summary>
    Inserted,

    /// <summary>Two entries swapped places.</summary>
    Reordered,

    /// <summary>An entry is not a canonical version 1 leaf.</summary>
    Malformed,

    /// <summary>A checkpoint's signature, origin or stored root is wrong.</summary>
    BadCheckpoint,

    /// <summary>A stored tile does not match the entries below it.</summary>
    BadTile,
}
