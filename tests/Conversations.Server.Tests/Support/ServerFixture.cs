namespace Conversations.Server.Tests.Support;

/// <summary>One server with the demo data loaded, shared by the tests of a class (tests use their own customer ids).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ServerHost? _server;

    public ServerHost Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() =>
        _server = await ServerHost.StartAsync(new Dictionary<string, string?> { ["Conversations:Demo:Enabled"] = "true" });

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
