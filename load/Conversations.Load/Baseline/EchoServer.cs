using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Load.Baseline;

/// <summary>Hosts <see cref="EchoHub"/> at <c>/hubs/customer</c> on Kestrel (127.0.0.1, a free port) inside the tool.</summary>
public sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The base address, as <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Url { get; }

    public static async Task<EchoServer> StartAsync(CancellationToken cancellationToken = default)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = null);
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR(o => o.MaximumParallelInvocationsPerClient = 4);
        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.MapHub<EchoHub>("/hubs/customer");

        // The same token and stats calls the tool makes against the engine, answered trivially.
        app.MapPost("/api/dev/tokens", () => Results.Json(new { token = "echo" }));
        app.MapGet("/api/stats", () => Results.Json(new { }));
        app.MapGet("/health/ready", () => Results.Text("ready"));
        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EchoServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
