using Microsoft.Extensions.Options;

namespace Avz.Exchange.Api.Hosting;

/// <summary>Runs the host; a configuration that cannot work stops the start with one sentence on standard error and exit code 1.</summary>
public static class StartupFailure
{
    /// <summary>Runs the application until it stops.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            app.Run();
            return 0;
        }
        catch (Exception e) when (Sentence(e) is { } sentence)
        {
            Console.Error.WriteLine($"avz-exchange cannot start: {sentence}");
            return 1;
        }
    }

    /// <summary>The sentence for a start-up failure caused by configuration, or null for anything else (a bug, which keeps its stack trace).</summary>
    /// <param name="exception">What the host threw.</param>
    /// <returns>The sentence, or null.</returns>
    public static string? Sentence(Exception exception) => exception switch
    {
        OptionsValidationException options => string.Join(" ", options.Failures),
        GatewayConfigurationException configuration => configuration.Message,
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException } bind =>
            $"{bind.Message.TrimEnd('.')}; stop the program listening there, or give the gateway another address with ASPNETCORE_URLS.",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Sentence(aggregate.InnerExceptions[0]),
        _ when exception.InnerException is not null => Sentence(exception.InnerException),
        _ => null,
    };
}
