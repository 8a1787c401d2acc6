using Avz.Exchange.Api.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Avz.Exchange.Api.Tests;

public sealed class CachingLoggerFactoryTests
{
    [Fact]
    public async Task TheGatewaysLoggerFactory_KeepsOneLoggerPerCategory_AndItsLoggersStillReachEveryProvider()
    {
        var capture = new LogCapture();
        await using var factory = new GatewayFactory { ExtraServices = s => s.AddSingleton<ILoggerProvider>(capture) };
        using var client = factory.CreateClient();
        var loggers = factory.Services.GetRequiredService<ILoggerFactory>();

        var first = loggers.CreateLogger("Avz.Tests.Category");

        Assert.IsType<CachingLoggerFactory>(loggers);
        Assert.Same(first, loggers.CreateLogger("Avz.Tests.Category"));
        Assert.NotSame(first, loggers.CreateLogger("Avz.Tests.Other"));
        first.Log(LogLevel.Warning, new EventId(4711), "Kept logger m-4711", null, (state, _) => state);
        Assert.Contains("Kept logger m-4711", capture.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWrappedFactory_IsAskedOncePerCategory_GivenProviders_AndDisposedWithTheWrapper()
    {
        var inner = new CountingFactory();
        var provider = new LogCapture();
        var loggers = new CachingLoggerFactory(inner);

        var made = new System.Collections.Concurrent.ConcurrentBag<ILogger>();
        Parallel.For(0, 1000, i => made.Add(loggers.CreateLogger(i % 2 == 0 ? "even" : "odd")));
        loggers.AddProvider(provider);
        loggers.Dispose();

        Assert.Equal(2, made.Distinct().Count());
        Assert.Equal(["even", "odd"], inner.Asked.Distinct().Order(StringComparer.Ordinal));
        Assert.Same(provider, Assert.Single(inner.Providers));
        Assert.True(inner.Disposed);
    }

    [Fact]
    public void Decorate_WrapsAFactoryRegisteredByType_AndRefusesWhenNoneIsRegistered()
    {
        var services = new ServiceCollection().AddLogging();
        CachingLoggerFactory.Decorate(services);
        using (var provider = services.BuildServiceProvider())
        {
            var loggers = provider.GetRequiredService<ILoggerFactory>();
            Assert.IsType<CachingLoggerFactory>(loggers);
            Assert.Same(loggers.CreateLogger("a"), loggers.CreateLogger("a"));
        }

        Assert.Throws<InvalidOperationException>(() => CachingLoggerFactory.Decorate(new ServiceCollection()));
    }

    /// <summary>A logger factory that records what it is asked.</summary>
    private sealed class CountingFactory : ILoggerFactory
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Asked { get; } = new();

        public List<ILoggerProvider> Providers { get; } = [];

        public bool Disposed { get; private set; }

        public ILogger CreateLogger(string categoryName)
        {
            Asked.Enqueue(categoryName);
            return new LogCapture().CreateLogger(categoryName);
        }

        public void AddProvider(ILoggerProvider provider) => Providers.Add(provider);

        public void Dispose() => Disposed = true;
    }
}
