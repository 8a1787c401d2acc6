using System.Security.Cryptography;
using Avz.Audit.Entries;
using Avz.Audit.Merkle;
using Avz.Audit.Notes;
using Avz.Audit.Storage;
using Avz.Audit.Tiles;

namespace Avz.Audit.Verification;

/// <summary>
/// Recomputes the log from storage and checks it against everything it committed to: every leaf against its index
/// and the stored tiles, every checkpoint's signature, and every checkpoint's root against the recomputed tree (which
/// also proves consecutive checkpoints consistent: they are roots of one append-only sequence). Trusts nothing but
/// the verifier key.
/// </summary>
public static class LogVerifier
{
    private const int Batch = 4096;

    /// <summary>Verifies a stored log.</summary>
    /// <param name="store">The store to read.</param>
    /// <param name="key">The log's verifier key.</param>
    /// <param name="progress">Receives the number of entries checked, now and then.</param>
    /// <returns>The report; the first entry finding stops the entry scan, since everything after it shifts.</returns>
    public static VerificationReport Verify(IAuditStore store, NoteVerifier key, IProgress<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(key);
        var findings = new List<VerificationFinding>();
        var checkpoints = CheckCheckpoints(store, key, findings);
        var signedSize = checkpoints.Count == 0 ? 0 : checkpoints[^1].Size;

        var state = LogState.Empty(new TileCache(store));
        var pending = new List<byte[]>(Batch);
        var nextCheckpoint = 0;
        long expected = 0;
        VerificationFinding? entryFinding = null;
        foreach (var (index, leaf) in store.ReadEntries(0, long.MaxValue))
        {
            entryFinding = CheckEntry(store, index, expected, leaf);
            if (entryFinding is not null)
            {
                break;
            }

            pending.Add(MerkleHash.Leaf(leaf));
            expected++;
            var atCheckpoint = nextCheckpoint < checkpoints.Count && checkpoints[nextCheckpoint].Size == expected;
            if (pending.Count == Batch || atCheckpoint)
            {
                state = Integrate(store, state, pending, out entryFinding);
                if (entryFinding is not null)
                {
                    break;
                }

                while (nextCheckpoint < checkpoints.Count && checkpoints[nextCheckpoint].Size == expected)
                {
                    entryFinding = CompareCheckpoint(store, state, checkpoints[nextCheckpoint], nextCheckpoint == 0 ? 0 : checkpoints[nextCheckpoint - 1].Size);
                    nextCheckpoint++;
                }

                if (entryFinding is not null)
                {
                    break;
                }
            }

            if ((expected & 0xFFFF) == 0)
            {
                progress?.Report(expected);
            }
        }

        if (entryFinding is null && pending.Count > 0)
        {
            state = Integrate(store, state, pending, out entryFinding);
        }

        if (entryFinding is null && nextCheckpoint < checkpoints.Count)
        {
            entryFinding = new VerificationFinding(
                FindingKind.Missing,
                expected,
                $"The log ends after {expected} entries, but checkpoint {checkpoints[nextCheckpoint].Size} signed more: entries from {expected} on are missing.");
        }

        if (entryFinding is { Kind: FindingKind.Modified } && entryFinding.Index == expected - 1)
        {
            // A tile or checkpoint ending at the last entry read caught the change before the next entry was read.
            // That next entry may show what happened more precisely (an insertion moves it down one place).
            foreach (var (index, leaf) in store.ReadEntries(expected, expected + 1))
            {
                if (CheckEntry(store, index, expected, leaf) is { Kind: FindingKind.Inserted or FindingKind.Reordered or FindingKind.Missing } precise)
                {
                    entryFinding = precise;
                }
            }
        }

        if (entryFinding is not null)
        {
            findings.Add(entryFinding);
        }

        progress?.Report(expected);
        return new VerificationReport(expected, checkpoints.Count, signedSize, findings.OrderBy(f => f.Index).ToArray());
    }

    /// <summary>Verifies one entry against a signed checkpoint with an inclusion proof, trusting only the verifier key.</summary>
    /// <param name="leaf">The entry's leaf bytes.</param>
    /// <param name="index">Its index.</param>
    /// <param name="proof">The inclusion proof for the checkpoint's size.</param>
    /// <param name="checkpointNote">The signed checkpoint.</param>
    /// <param name="key">The log's verifier key.</param>
    /// <param name="problem">Why the receipt fails, otherwise null.</param>
    /// <returns>Whether the entry is in the log the checkpoint signs.</returns>
    public static bool VerifyReceipt(byte[] leaf, long index, IReadOnlyList<byte[]> proof, string checkpointNote, NoteVerifier key, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.TryVerify(checkpointNote, out var text) || !Checkpoint.TryParse(text, out var checkpoint) || checkpoint!.Origin != key.Name)
        {
            problem = "the checkpoint is not signed by this log's key";
            return false;
        }

        if (LeafEncoding.ReadIndex(leaf) != index)
        {
            problem = $"the entry does not carry index {index}";
            return false;
        }

        if (!MerkleVerifier.VerifyInclusion(index, checkpoint.Size, MerkleHash.Leaf(leaf), proof, checkpoint.RootHash))
        {
            problem = $"the inclusion proof does not lead from the entry to the root of checkpoint {checkpoint.Size}";
            return false;
        }

        problem = null;
        return true;
    }

    private static List<StoredCheckpoint> CheckCheckpoints(IAuditStore store, NoteVerifier key, List<VerificationFinding> findings)
    {
        var valid = new List<StoredCheckpoint>();
        foreach (var stored in store.ReadCheckpoints())
        {
            if (!key.TryVerify(stored.Note, out var text))
            {
                findings.Add(new VerificationFinding(FindingKind.BadCheckpoint, stored.Size, $"Checkpoint {stored.Size}: the signature does not verify with key {key.Name}+{key.KeyId:x8}."));
            }
            else if (!Checkpoint.TryParse(text, out var checkpoint) || checkpoint!.Origin != key.Name)
            {
                findings.Add(new VerificationFinding(FindingKind.BadCheckpoint, stored.Size, $"Checkpoint {stored.Size}: the signed text is not a checkpoint of origin {key.Name}."));
            }
            else if (checkpoint.Size != stored.Size || !CryptographicOperations.FixedTimeEquals(checkpoint.RootHash, stored.Root))
            {
                findings.Add(new VerificationFinding(FindingKind.BadCheckpoint, stored.Size, $"Checkpoint {stored.Size}: the stored size or root differs from what its note signs ({checkpoint.Size})."));
            }
            else
            {
                valid.Add(stored);
            }
        }

        return valid;
    }

    private static VerificationFinding? CheckEntry(IAuditStore store, long index, long expected, byte[] leaf)
    {
        if (index != expected)
        {
            return new VerificationFinding(FindingKind.Missing, expected, $"Entry {expected} is missing: the next stored entry is {index}.");
        }

        var claimed = LeafEncoding.ReadIndex(leaf);
        if (claimed == index)
        {
            // The hash already ties the bytes to the tree; this checks they are an entry a reader can parse, of
            // either leaf version, with every closed-set value in its set.
            return LeafEncoding.IsValid(leaf, out _, out var problem)
                ? null
                : new VerificationFinding(FindingKind.Malformed, index, $"Entry {index} is not a valid access-log leaf: {problem}.");
        }

        if (claimed < 0)
        {
            return new VerificationFinding(FindingKind.Malformed, index, $"Entry {index} is not a well-formed access-log leaf.");
        }

        // A genuine entry that moved still hashes to what the log stored for its own index; anything else was changed.
        if (StoredLeafHash(store, claimed) is not { } original || !original.AsSpan().SequenceEqual(MerkleHash.Leaf(leaf)))
        {
            return new VerificationFinding(FindingKind.Modified, index, $"Entry {index} was modified: it claims index {claimed} and matches no entry the log stored.");
        }

        if (claimed > index)
        {
            var other = store.ReadEntries(claimed, claimed + 1).Select(e => LeafEncoding.ReadIndex(e.Leaf)).FirstOrDefault(-1);
            return other == index
                ? new VerificationFinding(FindingKind.Reordered, index, $"Entries {index} and {claimed} swapped places.")
                : new VerificationFinding(FindingKind.Missing, index, $"Entry {index} is missing: the entry stored there is entry {claimed}, so {claimed - index} entries were removed and the rest moved up.");
        }

        return claimed == index - 1
            ? new VerificationFinding(FindingKind.Inserted, index - 1, $"An entry was inserted at {index - 1}: the entries after it moved down one place (entry {claimed} now stands at {index}).")
            : new VerificationFinding(FindingKind.Inserted, index, $"Entry {index} is a copy of entry {claimed}: an entry was inserted.");
    }

    private static byte[]? StoredLeafHash(IAuditStore store, long index)
    {
        var tile = store.ReadTile(0, index / TileMath.Width);
        var offset = (int)(index % TileMath.Width) * MerkleHash.Size;
        return tile is not null && tile.Length >= offset + MerkleHash.Size ? tile[offset..(offset + MerkleHash.Size)] : null;
    }

    private static LogState Integrate(IAuditStore store, LogState state, List<byte[]> hashes, out VerificationFinding? finding)
    {
        var completed = new List<(int Level, long Index, byte[] Hashes)>();
        var next = state.Append(hashes, completed);
        hashes.Clear();
        finding = null;
        foreach (var (level, index, tile) in completed)
        {
            finding = CompareTile(level, index, tile, store.ReadTile(level, index));
            if (finding is not null)
            {
                break;
            }
        }

        return next;
    }

    private static VerificationFinding? CompareCheckpoint(IAuditStore store, LogState state, StoredCheckpoint checkpoint, long previous)
    {
        foreach (var (level, index, tile) in state.PartialTiles())
        {
            var finding = CompareTile(level, index, tile, store.ReadTile(level, index));
            if (finding is not null)
            {
                return finding;
            }
        }

        return CryptographicOperations.FixedTimeEquals(state.Root(), checkpoint.Root)
            ? null
            : new VerificationFinding(
                FindingKind.Modified,
                previous,
                $"The entries between {previous} and {checkpoint.Size} differ from what checkpoint {checkpoint.Size} signed (the stored tiles were changed with them).");
    }

    private static VerificationFinding? CompareTile(int level, long index, byte[] recomputed, byte[]? stored)
    {
        if (stored is null)
        {
            return new VerificationFinding(FindingKind.BadTile, index * TileMath.Width << (TileMath.Height * level), $"Tile {TileMath.Path(level, index, recomputed.Length / 32)} is missing.");
        }

        var width = Math.Min(recomputed.Length, stored.Length) / MerkleHash.Size;
        for (var i = 0; i < width; i++)
        {
            var a = recomputed.AsSpan(i * MerkleHash.Size, MerkleHash.Size);
            var b = stored.AsSpan(i * MerkleHash.Size, MerkleHash.Size);
            if (!a.SequenceEqual(b))
            {
                var entry = ((index * TileMath.Width) + i) << (TileMath.Height * level);
                return level == 0
                    ? new VerificationFinding(FindingKind.Modified, entry, $"Entry {entry} was modified: its hash differs from the one the log stored in tile {TileMath.Path(level, index, width)}.")
                    : new VerificationFinding(FindingKind.BadTile, entry, $"Tile {TileMath.Path(level, index, width)} differs from the entries below it, from entry {entry}.");
            }
        }

        return null;
    }
}
