using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Avz.Exchange.Encryption;

/// <summary>
/// The default key-encryption key: a key ring file of AES-256 keys beside the database, created with owner-only
/// permissions. Wrapping is AES-256-GCM with the KEK id as associated data. Rotation adds a key and makes it current;
/// <see cref="Retire"/> drops the others once every data key has been re-wrapped.
/// </summary>
/// <remarks>
/// A key file on the same disk as the database protects against a leaked database dump, not against someone who
/// holds the whole machine; production deployments should prefer PKCS#11 or Azure Key Vault.
/// </remarks>
public sealed class LocalKeyEncryptionKey : IKeyEncryptionKey
{
    /// <summary>The key ring's file name in the data directory.</summary>
    public const string FileName = "kek.json";

    private readonly string path;
    private readonly Lock gate = new();
    private KeyRing ring;
    private DateTime loaded;

    private LocalKeyEncryptionKey(string path, KeyRing ring)
    {
        this.path = path;
        this.ring = ring;
        loaded = File.GetLastWriteTimeUtc(path);
    }

    /// <inheritdoc/>
    public string Provider => "local";

    /// <summary>The id of the current key.</summary>
    public string CurrentId
    {
        get
        {
            lock (gate)
            {
                Refresh();
                return ring.Current;
            }
        }
    }

    /// <summary>Loads the key ring, or creates one with a fresh key (mode 0600) when the file does not exist.</summary>
    /// <param name="path">The key ring file.</param>
    /// <param name="created">Whether the file was created.</param>
    /// <returns>The provider.</returns>
    /// <exception cref="InvalidOperationException">The file exists but is unreadable or malformed.</exception>
    public static LocalKeyEncryptionKey LoadOrCreate(string path, out bool created)
    {
        ArgumentNullException.ThrowIfNull(path);
        created = false;
        if (!File.Exists(path))
        {
            var fresh = KeyRing.Empty.With(NewKey());
            try
            {
                Write(path, fresh, FileMode.CreateNew);
                created = true;
                return new LocalKeyEncryptionKey(path, fresh);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; read theirs.
            }
        }

        return new LocalKeyEncryptionKey(path, Read(path));
    }

    /// <inheritdoc/>
    public Task<WrappedKey> WrapAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        string id;
        byte[] kek;
        lock (gate)
        {
            Refresh();
            id = ring.Current;
            kek = ring.Keys[id];
        }

        var output = new byte[12 + key.Length + 16];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(kek, 16);
        aes.Encrypt(output.AsSpan(0, 12), key.Span, output.AsSpan(12, key.Length), output.AsSpan(12 + key.Length), Encoding.UTF8.GetBytes("avz-kek/v1\0" + id));
        return Task.FromResult(new WrappedKey(id, output));
    }

    /// <inheritdoc/>
    public Task<byte[]> UnwrapAsync(WrappedKey wrapped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        byte[]? kek;
        lock (gate)
        {
            if (!ring.Keys.TryGetValue(wrapped.KekId, out kek))
            {
                Refresh();
                ring.Keys.TryGetValue(wrapped.KekId, out kek);
            }
        }

        if (kek is null)
        {
            throw new KeyUnavailableException($"The local key ring {path} has no key '{wrapped.KekId}'; it was retired or the ring belongs to another installation.");
        }

        if (wrapped.Bytes.Length < 28)
        {
            throw new KeyUnavailableException($"A data key wrapped by '{wrapped.KekId}' is truncated.");
        }

        var key = new byte[wrapped.Bytes.Length - 28];
        try
        {
            using var aes = new AesGcm(kek, 16);
            aes.Decrypt(wrapped.Bytes.AsSpan(0, 12), wrapped.Bytes.AsSpan(12, key.Length), wrapped.Bytes.AsSpan(12 + key.Length), key, Encoding.UTF8.GetBytes("avz-kek/v1\0" + wrapped.KekId));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new KeyUnavailableException($"A data key wrapped by '{wrapped.KekId}' does not unwrap: it was altered.", e);
        }

        return Task.FromResult(key);
    }

    /// <inheritdoc/>
    public Task<bool> IsCurrentAsync(string kekId, CancellationToken cancellationToken) => Task.FromResult(string.Equals(kekId, CurrentId, StringComparison.Ordinal));

    /// <inheritdoc/>
    public Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Refresh();
            var next = ring.With(NewKey());
            Write(path, next, FileMode.Create);
            ring = next;
            loaded = File.GetLastWriteTimeUtc(path);
            return Task.FromResult(ring.Current);
        }
    }

    /// <summary>Removes every key but the current one from the ring; call only when no data key is wrapped by them.</summary>
    /// <returns>How many keys were removed.</returns>
    public int Retire()
    {
        lock (gate)
        {
            Refresh();
            var removed = ring.Keys.Count - 1;
            var next = new KeyRing(ring.Current, new Dictionary<string, byte[]>(StringComparer.Ordinal) { [ring.Current] = ring.Keys[ring.Current] });
            Write(path, next, FileMode.Create);
            ring = next;
            loaded = File.GetLastWriteTimeUtc(path);
            return removed;
        }
    }

    /// <summary>
    /// Re-reads the ring when another process (<c>avz keys rotate</c>) replaced the file, so a running gateway wraps
    /// new data keys under the new version instead of one about to be retired. Callers hold <see cref="gate"/>.
    /// </summary>
    private void Refresh()
    {
        var stamp = File.GetLastWriteTimeUtc(path);
        if (stamp != loaded && File.Exists(path))
        {
            ring = Read(path);
            loaded = stamp;
        }
    }

    private static (string Id, byte[] Key) NewKey()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var id = "local-" + Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 6));
        return (id, key);
    }

    private static KeyRing Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var current = document.RootElement.GetProperty("current").GetString()!;
            var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var key in document.RootElement.GetProperty("keys").EnumerateObject())
            {
                var bytes = Convert.FromBase64String(key.Value.GetString()!);
                if (bytes.Length != 32)
                {
                    throw new FormatException("A key is not 32 bytes.");
                }

                keys[key.Name] = bytes;
            }

            return keys.ContainsKey(current) ? new KeyRing(current, keys) : throw new FormatException("The current key is missing.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidOperationException($"The key-encryption key file {path} is unreadable or malformed ({e.GetType().Name}); restore it from backup. Without it no stored value can be decrypted.", e);
        }
    }

    private static void Write(string path, KeyRing ring, FileMode mode)
    {
        var temporary = mode == FileMode.CreateNew ? path : path + ".new";
        var options = new FileStreamOptions { Mode = mode == FileMode.CreateNew ? FileMode.CreateNew : FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("current", ring.Current);
            writer.WriteStartObject("keys");
            foreach (var (id, key) in ring.Keys)
            {
                writer.WriteString(id, Convert.ToBase64String(key));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        if (!string.Equals(temporary, path, StringComparison.Ordinal))
        {
            File.Move(temporary, path, overwrite: true);
        }
    }

    private sealed record KeyRing(string Current, Dictionary<string, byte[]> Keys)
    {
        public static KeyRing Empty { get; } = new("", new Dictionary<string, byte[]>(StringComparer.Ordinal));

        public KeyRing With((string Id, byte[] Key) key)
        {
            var keys = new Dictionary<string, byte[]>(Keys, StringComparer.Ordinal) { [key.Id] = key.Key };
            return new KeyRing(key.Id, keys);
        }
    }
}
