using Avz.Audit.Notes;

namespace Avz.Audit;

/// <summary>The log's checkpoint signing key in a file of the data directory: the C2SP signer key string, owner-only.</summary>
public static class AuditKeyFile
{
    /// <summary>The file name inside the data directory.</summary>
    public const string FileName = "audit-signing.key";

    /// <summary>Loads the key, or creates one (owner read/write only) when the file does not exist.</summary>
    /// <param name="path">The key file.</param>
    /// <param name="origin">The log's origin, used as key name for a new key and checked for an existing one.</param>
    /// <param name="created">Whether a new key was made.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="InvalidOperationException">The file holds no valid key, or a key for another origin; the message never contains the key.</exception>
    public static NoteSigner LoadOrCreate(string path, string origin, out bool created)
    {
        ArgumentNullException.ThrowIfNull(path);
        created = false;
        if (!File.Exists(path))
        {
            var signer = NoteSigner.Generate(origin);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var writer = new StreamWriter(path, System.Text.Encoding.UTF8, options))
            {
                writer.Write(signer.ExportSignerKey());
                writer.Write('\n');
            }

            created = true;
            return signer;
        }

        NoteSigner loaded;
        try
        {
            loaded = NoteSigner.Parse(File.ReadAllText(path).Trim());
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"The audit signing key file {path} holds no valid key ({e.Message}); restore it from backup.", e);
        }

        if (loaded.Name != origin)
        {
            var name = loaded.Name;
            loaded.Dispose();
            throw new InvalidOperationException($"The audit signing key in {path} is for origin '{name}', not '{origin}'; set Audit:Origin to the log's origin.");
        }

        return loaded;
    }
}
