using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Encryption;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Cases;

/// <summary>Creates the configured key-encryption key provider; a broken configuration stops the start with one sentence.</summary>
internal static class KeyEncryptionKeys
{
    public static IKeyEncryptionKey Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<KeyEncryptionOptions>>().Value;
        var logger = services.GetRequiredService<ILogger<IKeyEncryptionKey>>();
        try
        {
            switch (options.Provider)
            {
                case "pkcs11":
                    return Pkcs11KeyEncryptionKey.Open(options.Pkcs11Library!, options.Pkcs11TokenLabel!, options.Pkcs11Pin!, options.Pkcs11KeyLabel);
                case "azure-key-vault":
                    return new AzureKeyVaultKeyEncryptionKey(options.VaultUri!, options.VaultKeyName!, new Azure.Identity.DefaultAzureCredential());
                default:
                    var path = options.KeyFile ?? Path.Combine(StorageOptions.DataDirectoryOf(services), LocalKeyEncryptionKey.FileName);
                    var kek = LocalKeyEncryptionKey.LoadOrCreate(path, out var created);
                    if (created)
                    {
                        CaseLog.KeyFileCreated(logger, path);
                    }

                    return kek;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or KeyUnavailableException or IOException or UnauthorizedAccessException)
        {
            throw new GatewayConfigurationException(e.Message, e);
        }
    }
}
