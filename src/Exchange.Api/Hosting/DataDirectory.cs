using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Hosting;

/// <summary>The running host's data directory: <see cref="StorageOptions.DataDirectory"/> resolved against the content root.</summary>
internal static class DataDirectory
{
    public static string Of(IServiceProvider services) =>
        services.GetRequiredService<IOptions<StorageOptions>>().Value.Resolve(services.GetRequiredService<IHostEnvironment>().ContentRootPath);
}
