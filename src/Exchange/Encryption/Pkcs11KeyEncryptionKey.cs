using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Avz.Exchange.Encryption;

/// <summary>
/// A key-encryption key held in a PKCS#11 token (an HSM; tested against SoftHSM2). The KEK is an AES-256 secret key
/// generated inside the token as sensitive and non-extractable; data keys are wrapped with CKM_AES_GCM inside the
/// token, so the KEK never reaches this process. Versions are keys labelled <c>{label}-1</c>, <c>{label}-2</c>, ...;
/// the highest is current, and rotation generates the next.
/// </summary>
/// <remarks>PKCS#11 sessions are not safe for concurrent use (PKCS#11 v2.40 §5.6); one session serves all calls under a lock.</remarks>
public sealed class Pkcs11KeyEncryptionKey : IKeyEncryptionKey, IDisposable
{
    private const int NonceLength = 12;

    // Pkcs11Interop 5 binds dlopen through "libdl"; glibc 2.34+ ships only libdl.so.2 (no unversioned name without
    // libc6-dev), so the module load would fail with DllNotFoundException. Point the name at the versioned library.
    private static readonly Lazy<bool> ResolveLibdl = new(() =>
    {
        if (OperatingSystem.IsLinux())
        {
            System.Runtime.InteropServices.NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, (name, assembly, path) =>
                name == "libdl" && System.Runtime.InteropServices.NativeLibrary.TryLoad("libdl.so.2", assembly, path, out var handle) ? handle : IntPtr.Zero);
        }

        return true;
    });
    private readonly Pkcs11InteropFactories factories = new();
    private readonly IPkcs11Library library;
    private readonly ISession session;
    private readonly string label;
    private readonly Lock gate = new();
    private readonly Dictionary<string, IObjectHandle> keys = new(StringComparer.Ordinal);
    private string current = "";

    private Pkcs11KeyEncryptionKey(IPkcs11Library library, ISession session, string label)
    {
        this.library = library;
        this.session = session;
        this.label = label;
    }

    /// <inheritdoc/>
    public string Provider => "pkcs11";

    /// <summary>Opens the token, logs in, and finds the KEK versions; generates the first when the token has none.</summary>
    /// <param name="libraryPath">The PKCS#11 module.</param>
    /// <param name="tokenLabel">The token's label.</param>
    /// <param name="pin">The user PIN.</param>
    /// <param name="keyLabel">The label prefix of the KEK versions.</param>
    /// <returns>The provider.</returns>
    /// <exception cref="KeyUnavailableException">The module, the token or the login fails.</exception>
    public static Pkcs11KeyEncryptionKey Open(string libraryPath, string tokenLabel, string pin, string keyLabel)
    {
        ArgumentNullException.ThrowIfNull(pin);
        ResolveLibdl.Value.ToString();
        var factories = new Pkcs11InteropFactories();
        IPkcs11Library library;
        try
        {
            library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, libraryPath, AppType.MultiThreaded);
        }
        catch (Exception e) when (e is Pkcs11Exception or UnmanagedException or DllNotFoundException or InvalidOperationException)
        {
            throw new KeyUnavailableException($"The PKCS#11 module {libraryPath} cannot be loaded ({e.GetType().Name}).", e);
        }

        try
        {
            var slot = library.GetSlotList(SlotsType.WithTokenPresent).FirstOrDefault(s => string.Equals(s.GetTokenInfo().Label.Trim(), tokenLabel, StringComparison.Ordinal))
                ?? throw new KeyUnavailableException($"No PKCS#11 token is labelled '{tokenLabel}'.");
            var session = slot.OpenSession(SessionType.ReadWrite);
            session.Login(CKU.CKU_USER, Encoding.UTF8.GetBytes(pin));
            var kek = new Pkcs11KeyEncryptionKey(library, session, keyLabel);
            kek.LoadKeys();
            if (kek.keys.Count == 0)
            {
                kek.Generate(1);
            }

            return kek;
        }
        catch (Pkcs11Exception e)
        {
            library.Dispose();
            throw new KeyUnavailableException($"The PKCS#11 token '{tokenLabel}' refused the session or login ({e.RV}).", e);
        }
        catch (KeyUnavailableException)
        {
            library.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public Task<WrappedKey> WrapAsync(ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        lock (gate)
        {
            var id = current;
            try
            {
                var encrypted = session.Encrypt(Gcm(nonce, id), keys[id], key.ToArray());
                return Task.FromResult(new WrappedKey(id, [.. nonce, .. encrypted]));
            }
            catch (Pkcs11Exception e)
            {
                throw new KeyUnavailableException($"The PKCS#11 token refused to wrap with '{id}' ({e.RV}).", e);
            }
        }
    }

    /// <inheritdoc/>
    public Task<byte[]> UnwrapAsync(WrappedKey wrapped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        lock (gate)
        {
            if (!keys.TryGetValue(wrapped.KekId, out var handle))
            {
                throw new KeyUnavailableException($"The PKCS#11 token holds no key '{wrapped.KekId}'.");
            }

            if (wrapped.Bytes.Length <= NonceLength + 16)
            {
                throw new KeyUnavailableException($"A data key wrapped by '{wrapped.KekId}' is truncated.");
            }

            try
            {
                return Task.FromResult(session.Decrypt(Gcm(wrapped.Bytes[..NonceLength], wrapped.KekId), handle, wrapped.Bytes[NonceLength..]));
            }
            catch (Pkcs11Exception e)
            {
                throw new KeyUnavailableException($"A data key wrapped by '{wrapped.KekId}' does not unwrap in the token ({e.RV}).", e);
            }
        }
    }

    /// <inheritdoc/>
    public Task<bool> IsCurrentAsync(string kekId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(string.Equals(kekId, current, StringComparison.Ordinal));
        }
    }

    /// <inheritdoc/>
    public Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            Generate(keys.Count == 0 ? 1 : keys.Keys.Max(Version) + 1);
            return Task.FromResult(current);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (gate)
        {
            try
            {
                session.Logout();
            }
            catch (Pkcs11Exception)
            {
                // Already logged out or the token is gone; closing below is all that is left to do.
            }

            session.Dispose();
            library.Dispose();
        }
    }

    private IMechanism Gcm(byte[] nonce, string kekId) =>
        factories.MechanismFactory.Create(CKM.CKM_AES_GCM, factories.MechanismParamsFactory.CreateCkGcmParams(nonce, (ulong)nonce.Length * 8, Encoding.UTF8.GetBytes("avz-kek/v1\0" + kekId), 128));

    private int Version(string id) => int.Parse(id.AsSpan(label.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture);

    private void LoadKeys()
    {
        var search = new List<IObjectAttribute>
        {
            factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            factories.ObjectAttributeFactory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
        };
        foreach (var handle in session.FindAllObjects(search))
        {
            var name = session.GetAttributeValue(handle, [CKA.CKA_LABEL])[0].GetValueAsString();
            if (name.StartsWith(label + "-", StringComparison.Ordinal) && int.TryParse(name.AsSpan(label.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                keys[name] = handle;
            }
        }

        current = keys.Count == 0 ? "" : keys.Keys.MaxBy(Version)!;
    }

    private void Generate(int version)
    {
        var name = $"{label}-{version.ToString(CultureInfo.InvariantCulture)}";
        var template = new List<IObjectAttribute>
        {
            factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            factories.ObjectAttributeFactory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
            factories.ObjectAttributeFactory.Create(CKA.CKA_VALUE_LEN, 32),
            factories.ObjectAttributeFactory.Create(CKA.CKA_TOKEN, true),
            factories.ObjectAttributeFactory.Create(CKA.CKA_PRIVATE, true),
            factories.ObjectAttributeFactory.Create(CKA.CKA_SENSITIVE, true),
            factories.ObjectAttributeFactory.Create(CKA.CKA_EXTRACTABLE, false),
            factories.ObjectAttributeFactory.Create(CKA.CKA_ENCRYPT, true),
            factories.ObjectAttributeFactory.Create(CKA.CKA_DECRYPT, true),
            factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, name),
        };
        keys[name] = session.GenerateKey(factories.MechanismFactory.Create(CKM.CKM_AES_KEY_GEN), template);
        current = name;
    }
}
