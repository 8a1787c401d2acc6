namespace Avz.Exchange.Api.Tests;

/// <summary>A test class with its own gateway and a client to it.</summary>
public abstract class GatewayTest : IAsyncLifetime
{
    protected GatewayFactory Factory { get; } = new();

    protected HttpClient Client { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Client = Factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
