using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Hosting;

/// <summary>Refuses a data directory the process cannot create or write, at start-up, with a sentence that says what to fix.</summary>
internal sealed class StorageOptionsValidator(IHostEnvironment environment) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            return ValidateOptionsResult.Fail("Storage:DataDirectory is empty; set it to a folder the gateway may write, such as .avz.");
        }

        var folder = options.Resolve(environment.ContentRootPath);
        try
        {
            if (!Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            var probe = Path.Combine(folder, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Storage:DataDirectory '{folder}' cannot be used ({e.GetType().Name}); set it to a folder this process can create and write.");
        }
    }
}
