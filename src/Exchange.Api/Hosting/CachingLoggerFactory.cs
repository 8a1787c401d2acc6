using System.Collections.Concurrent;

namespace Avz.Exchange.Api.Hosting;

/// <summary>
/// The host's logger factory, keeping one logger per category as Microsoft's own factory does. Serilog's factory makes a
/// new logger (a new contextual Serilog logger) for every <see cref="CreateLogger"/>, and ASP.NET Core asks for one on
/// every call in places: each result that writes JSON (<c>Ok&lt;T&gt;</c>), and each authentication handler built for a
/// call (the API's bearer handler and OpenIddict's validation handler, on every API call). Issue 16's profile of the session call found those loggers,
/// and the garbage and lock contention around them, among its largest costs.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => loggers.GetOrAdd(categoryName, inner.CreateLogger);

    /// <summary>Serilog's factory adds the provider to those its loggers write to, including loggers already handed out.</summary>
    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>The inner factory is this one's: disposing it flushes Serilog's sinks at shutdown.</summary>
    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the logger factory registered last, however it was registered.</summary>
    /// <param name="services">The services, after logging is set up.</param>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("No logger factory is registered to cache loggers for.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new CachingLoggerFactory(registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => instance,
            { ImplementationFactory: { } factory } => (ILoggerFactory)factory(provider),
            { ImplementationType: { } type } => (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, type),
            _ => throw new InvalidOperationException("The registered logger factory has no instance, factory or type."),
        }));
    }
}
