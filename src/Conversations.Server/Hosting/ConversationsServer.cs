using Conversations.Server.Api;
using Conversations.Server.Auth;
using Conversations.Server.Health;
using Conversations.Server.Hubs;
using Conversations.Server.Metrics;
using Conversations.Server.Telemetry;
using Conversations.Server.WebUi;

namespace Conversations.Server.Hosting;

/// <summary>
/// Composes the server process: one silo with its storage, the domain and the bot, bearer auth, the hubs, the REST
/// API, the web UI, health, metrics and telemetry. Program.cs and the tests compose it the same way.
/// </summary>
public static class ConversationsServer
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>A builder rooted at the output folder (where appsettings.json and wwwroot are copied), whatever the working directory.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

    public static WebApplicationBuilder AddConversationsServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        UseDefaultUrl(builder);
        // Request logging writes query strings, and hub URLs carry access_token: it must never reach a log.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Connections", LogLevel.Warning);

        var configuration = builder.Configuration;
        // Metrics first: the collector must listen before the silo starts measuring.
        builder.Services.AddConversationsMetrics();
        builder.Services.AddConversationsTelemetry(configuration);
        builder.Services.AddConversationsAuth(configuration);
        builder.AddConversationsSilo();
        builder.Services.AddConversationsHubs(configuration);
        builder.Services.AddConversationsApi();
        builder.Services.AddConversationsHealth();
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }

    public static WebApplication MapConversationsServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseConversationsApiErrors();
        app.MapConversationsWebUi();
        app.MapConversationsAuth();
        app.MapConversationsHubs();
        app.MapConversationsApi();
        app.MapConversationsHealth();
        app.MapConversationsMetrics();
        return app;
    }

    /// <summary>PROTOCOL.md's default address, unless <c>--urls</c>, <c>ASPNETCORE_URLS</c>, ports or Kestrel endpoints say otherwise.</summary>
    private static void UseDefaultUrl(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configured = !string.IsNullOrWhiteSpace(configuration["urls"])
            || !string.IsNullOrWhiteSpace(configuration["http_ports"])
            || !string.IsNullOrWhiteSpace(configuration["https_ports"])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!configured) builder.WebHost.UseUrls(DefaultUrl);
    }
}
