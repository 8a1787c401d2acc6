using Avz.Exchange.Api.Hosting;
using Avz.Exchange.Encryption;
using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Cases;

/// <summary>Opens the configured key-encryption key for the host; a broken configuration stops the start with one sentence.</summary>
internal static class GatewayKeyEncryptionKey
{
    public static IKeyEncryptionKey Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<KeyEncryptionOptions>>().Value;
        var folder = DataDirectory.Of(services);
        try
        {
            var kek = KeyEncryptionKeys.Open(options, folder, out var created);
            if (created)
            {
                CaseLog.KeyFileCreated(services.GetRequiredService<ILogger<IKeyEncryptionKey>>(), options.KeyFile ?? Path.Combine(folder, LocalKeyEncryptionKey.FileName));
            }

            return kek;
        }
        catch (Exception e) when (e is InvalidOperationException or KeyUnavailableException or IOException or UnauthorizedAccessException)
        {
            throw new GatewayConfigurationException(e.Message, e);
        }
    }
}
