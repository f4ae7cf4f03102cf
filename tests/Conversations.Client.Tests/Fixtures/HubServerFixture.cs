using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Client.Tests.Fixtures;

/// <summary>One real Kestrel server with SignalR hubs and raw protocol endpoints, shared by a test class.</summary>
public sealed class HubServerFixture : IAsyncLifetime
{
    public const string TestHubPath = "/hubs/test";
    public const string SecureHubPath = "/hubs/secure";

    private WebApplication? _app;
    private Uri? _baseAddress;

    public HubProbe Probe => Services.GetRequiredService<HubProbe>();

    private IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The server has not started.");

    public Uri Url(string path) =>
        new(_baseAddress ?? throw new InvalidOperationException("The server has not started."), path);

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<HubProbe>();
        builder.Services
            .AddSignalR(options => options.MaximumParallelInvocationsPerClient = 64);
        builder.Services
            .AddAuthentication(TestAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestAuthenticationHandler>(TestAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();

        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHub<TestHub>(TestHubPath);
        app.MapHub<SecureHub>(SecureHubPath);
        app.Map("/raw/{scenario}", (HttpContext context, string scenario) => RawHubEndpoint.HandleAsync(context, scenario));

        await app.StartAsync();
        _app = app;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _baseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
