using Avz.Audit.Storage;

namespace Avz.Audit.Benchmarks;

/// <summary>
/// A store with its index switched off: the log then keeps no index and runs no follower. The baseline for what the
/// index costs (IndexRun), and the append run's log, whose follower would otherwise index during the plain slices.
/// </summary>
internal sealed class WithoutIndex(IAuditStore inner) : IAuditStore
{
    public string Description => inner.Description;

    public IAuditTransaction BeginAppend() => new Transaction(inner.BeginAppend());

    public long ReadSize() => inner.ReadSize();

    public IEnumerable<(long Index, byte[] Leaf)> ReadEntries(long start, long endExclusive) => inner.ReadEntries(start, endExclusive);

    public byte[]? ReadTile(int level, long index) => inner.ReadTile(level, index);

    public IReadOnlyList<StoredCheckpoint> ReadCheckpoints() => inner.ReadCheckpoints();

    public StoredCheckpoint? ReadLatestCheckpoint() => inner.ReadLatestCheckpoint();

    public void Dispose() => inner.Dispose();

    private sealed class Transaction(IAuditTransaction inner) : IAuditTransaction
    {
        public long Size => inner.Size;

        public void AddEntries(IReadOnlyList<byte[]> leaves) => inner.AddEntries(leaves);

        public void AddTile(int level, long index, byte[] hashes) => inner.AddTile(level, index, hashes);

        public void AddCheckpoint(StoredCheckpoint checkpoint) => inner.AddCheckpoint(checkpoint);

        public void Commit() => inner.Commit();

        public void Dispose() => inner.Dispose();
    }
}
