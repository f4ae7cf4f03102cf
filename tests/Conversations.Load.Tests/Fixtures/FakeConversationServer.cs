using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Load.Tests.Fixtures;

/// <summary>A Kestrel server on 127.0.0.1 speaking enough of the public contract for the load tool, with a chosen fault.</summary>
public sealed class FakeConversationServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeConversationServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
        AgentLog = app.Services.GetRequiredService<FakeAgentLog>();
        Store = app.Services.GetRequiredService<FakeStore>();
    }

    public Uri Url { get; }

    public FakeAgentLog AgentLog { get; }

    public FakeStore Store { get; }

    public static async Task<FakeConversationServer> StartAsync(FakeFault fault)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new FakeStore(fault));
        builder.Services.AddSingleton<FakeAgentLog>();
        builder.Services.AddSignalR();
        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.MapHub<FakeCustomerHub>("/hubs/customer");
        app.MapHub<FakeAgentHub>("/hubs/agent");
        app.MapPost("/api/dev/tokens", (TokenRequest request, FakeStore store) =>
        {
            if (request.Role == "customer") store.CustomerTokens.Enqueue(request.Id);
            return Results.Json(new { token = "fake" });
        });
        app.MapGet("/api/stats", () => Results.Json(new { queued = 0, activeSessions = 1, agentsOnline = 0, slaBreaches = 0, botContainmentRate = 1.0 }));
        app.MapGet("/health/ready", () => Results.Text("ready"));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FakeConversationServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The body of <c>POST /api/dev/tokens</c>.</summary>
public sealed record TokenRequest(string Role, string Id);
