using Avz.Exchange.Api.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Avz.Exchange.Api.Tests.Administration;

/// <summary>
/// The policy refresh runs only in a gateway that has started, and a host disposed under it ends it quietly: a start
/// that failed (an address in use) once printed the refresh's <see cref="ObjectDisposedException"/> with its stack
/// trace after the start-up's one sentence.
/// </summary>
public sealed class PolicyRefreshTests
{
    [Fact]
    public async Task BeforeTheGatewayHasStarted_NothingIsRefreshed_AndADisposedHostEndsTheRefreshQuietly()
    {
        using var started = new CancellationTokenSource();
        var lifetime = Substitute.For<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Returns(started.Token);

        // The provider of a host being disposed: every scope it is asked for throws.
        var scopes = Substitute.For<IServiceScopeFactory>();
        scopes.CreateScope().Throws(new ObjectDisposedException(nameof(IServiceProvider)));

        using var catalog = new PolicyCatalog(NullLogger<PolicyCatalog>.Instance);
        var options = Microsoft.Extensions.Options.Options.Create(new PolicyOptions { RefreshInterval = TimeSpan.FromMilliseconds(10) });
        using var refresh = new PolicyRefresh(catalog, scopes, options, lifetime, NullLogger<PolicyRefresh>.Instance);
        await refresh.StartAsync(TestContext.Current.CancellationToken);

        // Twenty intervals without a start: no tick asked for a scope.
        await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        scopes.DidNotReceive().CreateScope();
        Assert.False(refresh.ExecuteTask!.IsCompleted);

        // Started: the first tick meets the disposed provider and the refresh ends without a fault.
        await started.CancelAsync();
        await refresh.ExecuteTask.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(refresh.ExecuteTask.IsCompletedSuccessfully);
        scopes.Received(1).CreateScope();
    }

    [Fact]
    public async Task AHostStoppedBeforeItStarted_EndsTheRefreshWithoutATick()
    {
        var lifetime = Substitute.For<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Returns(CancellationToken.None);
        var scopes = Substitute.For<IServiceScopeFactory>();
        using var catalog = new PolicyCatalog(NullLogger<PolicyCatalog>.Instance);
        var options = Microsoft.Extensions.Options.Options.Create(new PolicyOptions { RefreshInterval = TimeSpan.FromMilliseconds(10) });
        using var refresh = new PolicyRefresh(catalog, scopes, options, lifetime, NullLogger<PolicyRefresh>.Instance);

        // Ten intervals long enough for a tick; then the host stops, as a start that failed does.
        await refresh.StartAsync(TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        await refresh.StopAsync(TestContext.Current.CancellationToken);

        // Ended, and not faulted (a faulted service is what the host prints). Not necessarily "ran to completion":
        // .NET 10 starts ExecuteAsync through Task.Run with the stopping token, and a stop before the run began cancels it.
        Assert.True(refresh.ExecuteTask!.IsCompleted);
        Assert.False(refresh.ExecuteTask.IsFaulted);
        scopes.DidNotReceive().CreateScope();
    }
}
