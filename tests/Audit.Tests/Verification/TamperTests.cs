using Avz.Audit.Entries;
using Avz.Audit.Verification;
using CsCheck;
using Microsoft.Data.Sqlite;

namespace Avz.Audit.Tests.Verification;

/// <summary>
/// Random tampering with a stored log of 10,000 entries, bypassing the append-only triggers as an attacker with
/// database access would: the verifier must detect every change and name its first index.
/// </summary>
public sealed class TamperTests : IClassFixture<TamperTests.TenThousandEntries>
{
    private const int Size = 10_000;
    private readonly TenThousandEntries log;

    public TamperTests(TenThousandEntries log) => this.log = log;

    [Fact]
    public void UntouchedLog_Verifies() => Assert.True(Verify(log.Copy()).Succeeded);

    [Fact]
    public void ChangingOneByte_IsDetected_AtThatEntry()
    {
        Gen.Select(Gen.Int[0, Size - 1], Gen.Int[0, 10_000], Gen.Byte[1, 255]).Sample(
            (index, position, mask) =>
            {
                var copy = log.Copy();
                Mutate(copy, connection =>
                {
                    var leaf = ReadLeaf(connection, index);
                    leaf[position % leaf.Length] ^= mask;
                    Execute(connection, "UPDATE audit_entries SET leaf = $leaf WHERE idx = $idx", ("$leaf", leaf), ("$idx", index));
                });

                var finding = Assert.Single(Verify(copy).Findings);
                Assert.Equal(index, finding.Index);
                Assert.Contains(finding.Kind, (FindingKind[])[FindingKind.Modified, FindingKind.Malformed]);
            },
            iter: 25,
            threads: 1);
    }

    [Fact]
    public void DeletingOneEntry_IsDetected_AsMissing()
    {
        Gen.Int[0, Size - 1].Sample(
            index =>
            {
                var copy = log.Copy();
                Mutate(copy, connection => Execute(connection, "DELETE FROM audit_entries WHERE idx = $idx", ("$idx", index)));

                var finding = Assert.Single(Verify(copy).Findings);
                Assert.Equal((FindingKind.Missing, (long)index), (finding.Kind, finding.Index));
            },
            iter: 15,
            threads: 1);
    }

    [Fact]
    public void InsertingOneEntry_IsDetected_AsInserted()
    {
        Gen.Int[0, Size - 2].Sample(
            index =>
            {
                var copy = log.Copy();
                var forged = LeafEncoding.Encode(TestLog.Entry(99_999) with { Index = index, Time = DateTimeOffset.UnixEpoch });
                Mutate(copy, connection =>
                {
                    Execute(connection, "UPDATE audit_entries SET idx = -(idx + 1) WHERE idx >= $idx", ("$idx", index));
                    Execute(connection, "UPDATE audit_entries SET idx = -idx WHERE idx < 0");
                    Execute(connection, "INSERT INTO audit_entries (idx, leaf) VALUES ($idx, $leaf)", ("$idx", index), ("$leaf", forged));
                });

                var finding = Assert.Single(Verify(copy).Findings);
                Assert.Equal((FindingKind.Inserted, (long)index), (finding.Kind, finding.Index));
            },
            iter: 15,
            threads: 1);
    }

    [Fact]
    public void SwappingTwoEntries_IsDetected_AsReordered()
    {
        Gen.Select(Gen.Int[0, Size - 1], Gen.Int[0, Size - 1]).Where((a, b) => a != b).Sample(
            (a, b) =>
            {
                var copy = log.Copy();
                Mutate(copy, connection =>
                {
                    var leafA = ReadLeaf(connection, a);
                    var leafB = ReadLeaf(connection, b);
                    Execute(connection, "UPDATE audit_entries SET leaf = $leaf WHERE idx = $idx", ("$leaf", leafB), ("$idx", a));
                    Execute(connection, "UPDATE audit_entries SET leaf = $leaf WHERE idx = $idx", ("$leaf", leafA), ("$idx", b));
                });

                var finding = Assert.Single(Verify(copy).Findings);
                Assert.Equal((FindingKind.Reordered, (long)Math.Min(a, b)), (finding.Kind, finding.Index));
            },
            iter: 15,
            threads: 1);
    }

    [Fact]
    public void RewritingACheckpoint_IsDetected()
    {
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 10_000], Gen.Bool).Sample(
            (which, position, rewriteRoot) =>
            {
                var copy = log.Copy();
                long size = 0;
                Mutate(copy, connection =>
                {
                    var sizes = new List<long>();
                    using (var command = connection.CreateCommand())
                    {
                        command.CommandText = "SELECT tree_size FROM audit_checkpoints ORDER BY tree_size";
                        using var reader = command.ExecuteReader();
                        while (reader.Read())
                        {
                            sizes.Add(reader.GetInt64(0));
                        }
                    }

                    size = sizes[which % sizes.Count];
                    if (rewriteRoot)
                    {
                        Execute(connection, "UPDATE audit_checkpoints SET root = zeroblob(32) WHERE tree_size = $size", ("$size", size));
                    }
                    else
                    {
                        using var command = connection.CreateCommand();
                        command.CommandText = "SELECT note FROM audit_checkpoints WHERE tree_size = $size";
                        command.Parameters.AddWithValue("$size", size);
                        var note = ((string)command.ExecuteScalar()!).ToCharArray();
                        var at = position % note.Length;
                        note[at] = note[at] == 'A' ? 'B' : 'A';
                        Execute(connection, "UPDATE audit_checkpoints SET note = $note WHERE tree_size = $size", ("$note", new string(note)), ("$size", size));
                    }
                });

                var findings = Verify(copy).Findings;
                Assert.Contains(findings, f => f.Kind == FindingKind.BadCheckpoint && f.Index == size);
            },
            iter: 15,
            threads: 1);
    }

    [Fact]
    public void TruncatingTheLog_IsDetected_AsMissing()
    {
        var copy = log.Copy();
        Mutate(copy, connection => Execute(connection, "DELETE FROM audit_entries WHERE idx >= 9990"));

        var finding = Assert.Single(Verify(copy).Findings);
        Assert.Equal((FindingKind.Missing, 9990L), (finding.Kind, finding.Index));
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET leaf = x'00' WHERE idx = 1")]
    [InlineData("DELETE FROM audit_entries WHERE idx = 1")]
    [InlineData("UPDATE audit_checkpoints SET note = 'x'")]
    [InlineData("DELETE FROM audit_checkpoints")]
    [InlineData("UPDATE audit_tiles SET hashes = x'00'")]
    [InlineData("DELETE FROM audit_tiles")]
    public void Triggers_RefuseUpdateAndDelete(string sql)
    {
        var copy = log.Copy();
        using var connection = new SqliteConnection($"Data Source={copy}");
        connection.Open();

        var error = Assert.Throws<SqliteException>(() => Execute(connection, sql));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.True(Verify(copy).Succeeded);
    }

    private VerificationReport Verify(string path)
    {
        using var store = new Avz.Audit.Storage.SqliteAuditStore(path);
        var report = LogVerifier.Verify(store, log.Verifier);
        SqliteConnection.ClearAllPools();
        return report;
    }

    private static void Mutate(string path, Action<SqliteConnection> change)
    {
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            foreach (var table in (string[])["audit_entries", "audit_checkpoints", "audit_tiles"])
            {
                Execute(connection, $"DROP TRIGGER {table}_no_update");
                Execute(connection, $"DROP TRIGGER {table}_no_delete");
            }

            change(connection);
        }

        SqliteConnection.ClearAllPools();
    }

    private static byte[] ReadLeaf(SqliteConnection connection, long index)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT leaf FROM audit_entries WHERE idx = $idx";
        command.Parameters.AddWithValue("$idx", index);
        return (byte[])command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>One log of 10,000 entries with several checkpoints, built once; each test works on a copy.</summary>
    public sealed class TenThousandEntries : IAsyncLifetime
    {
        private TestLog? test;
        private int copies;

        public Avz.Audit.Notes.NoteVerifier Verifier => test!.Verifier;

        public async ValueTask InitializeAsync()
        {
            test = TestLog.Create();
            for (var batch = 0; batch < 10; batch++)
            {
                await test.AppendAsync(Size / 10, start: batch * (Size / 10));
                await test.Log!.CheckpointAsync();
            }

            await test.CloseAsync();
            SqliteConnection.ClearAllPools();
        }

        public string Copy()
        {
            var path = Path.Combine(test!.Folder.FullName, $"copy-{Interlocked.Increment(ref copies)}.db");
            File.Copy(test.DatabasePath, path);
            return path;
        }

        public async ValueTask DisposeAsync()
        {
            if (test is not null)
            {
                await test.DisposeAsync();
            }
        }
    }
}
