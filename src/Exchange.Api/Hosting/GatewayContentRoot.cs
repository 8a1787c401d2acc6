using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// The folder the gateway's relative paths (<c>Storage:DataDirectory</c>, <c>Policies:Directory</c>) resolve against:
/// the folder it was started from. <c>dotnet run</c> starts the program in its project folder and leaves the folder
/// the command was typed in as <c>PWD</c>; under <c>dotnet run</c> that folder is the content root, so a fresh working
/// folder gets its own <c>.avz</c> instead of writing into the repository's. The gateway's own settings files beside
/// its binary are always read first, whatever the content root; settings files in the content root, environment
/// variables and the command line follow and win, in that order.
/// </summary>
public static class GatewayContentRoot
{
    /// <summary>Creates the application builder with the gateway's content root and settings files.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The builder.</returns>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = StartedFrom() });
        var own = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        if (!string.Equals(own, Path.TrimEndingDirectorySeparator(builder.Environment.ContentRootPath), StringComparison.Ordinal))
        {
            var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
            var first = sources.TakeWhile(s => s is not JsonConfigurationSource).Count();
            var files = new PhysicalFileProvider(own);
            sources.Insert(first, Settings(files, "appsettings.json"));
            sources.Insert(first + 1, Settings(files, $"appsettings.{builder.Environment.EnvironmentName}.json"));
        }

        return builder;
    }

    /// <summary>The folder the gateway was started from, or null for the ASP.NET Core default (the current folder).</summary>
    private static string? StartedFrom()
    {
        var typedIn = Environment.GetEnvironmentVariable("PWD");
        var underDotnetRun = Environment.GetEnvironmentVariable("DOTNET_LAUNCH_PROFILE") is not null;
        return underDotnetRun && typedIn is { Length: > 0 } && Path.IsPathFullyQualified(typedIn) && Directory.Exists(typedIn) ? typedIn : null;
    }

    private static JsonConfigurationSource Settings(IFileProvider files, string name) =>
        new() { FileProvider = files, Path = name, Optional = true, ReloadOnChange = false };
}
