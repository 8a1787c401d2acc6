using System.Diagnostics;

namespace Avz.Exchange.Tests.Encryption;

/// <summary>A SoftHSM2 token created in a temporary directory for the PKCS#11 tests (Debian package softhsm2).</summary>
public sealed partial class SoftHsm : IDisposable
{
    public const string Pin = "4711-avz";
    public const string TokenLabel = "avz-test";

    private static readonly string[] Libraries = ["/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so", "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"];
    private readonly string folder = Directory.CreateTempSubdirectory("avz-softhsm-").FullName;

    public SoftHsm()
    {
        Library = Libraries.FirstOrDefault(File.Exists);
        var util = new[] { "/usr/bin/softhsm2-util", "/usr/local/bin/softhsm2-util" }.FirstOrDefault(File.Exists);
        if (Library is null || util is null)
        {
            Unavailable = "SoftHSM2 not found (apt-get install softhsm2); .ci/run installs it.";
            return;
        }

        Directory.CreateDirectory(Path.Combine(folder, "tokens"));
        var config = Path.Combine(folder, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {Path.Combine(folder, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\n");

        // SoftHSM reads its configuration from this variable when the module initialises, in this process too; .NET's
        // Environment.SetEnvironmentVariable does not reach the native environment on Unix, so call setenv(3).
        if (SetEnv("SOFTHSM2_CONF", config, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed.");
        }

        var start = new ProcessStartInfo(util, ["--init-token", "--free", "--label", TokenLabel, "--pin", Pin, "--so-pin", "5678-avz"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SOFTHSM2_CONF"] = config;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("softhsm2-util --init-token failed: " + output);
        }
    }

    public string? Library { get; }

    public string? Unavailable { get; }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
