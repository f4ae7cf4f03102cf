using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text.Json;
using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Sessions;
using Conversations.Client;
using Conversations.Runtime.Cluster;
using Conversations.Server.Auth;
using Conversations.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conversations.Server.Tests.Support;

/// <summary>
/// The real server, composed as Program.cs composes it, on Kestrel at 127.0.0.1 with a free port; the scripted bot
/// stands in for the real one and demo data stays off unless a test turns it on.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private Uri? _baseAddress;
    private HttpClient? _http;
    private int _disposed;

    private ServerHost(WebApplication app)
    {
        _app = app;
    }

    /// <summary>Where the server listens (once started).</summary>
    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("The server has not started listening.");

    public HttpClient Http => _http ?? throw new InvalidOperationException("The server has not started listening.");

    public IServiceProvider Services => _app.Services;

    /// <summary>A started server; see <see cref="Create"/> for the parameters.</summary>
    public static async Task<ServerHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        bool realBot = false,
        CapturingLoggerProvider? logs = null)
    {
        var host = Create(settings, services, realBot, logs);
        try
        {
            await host.StartListeningAsync();
        }
        catch
        {
            // Hosted services that did start (the silo, its TCP port) must not outlive the failed start.
            try
            {
                await host.DisposeAsync();
            }
            catch (Exception)
            {
                // The start's own failure is the one to report.
            }

            throw;
        }

        return host;
    }

    /// <summary>A server composed and built but not started, so a test can watch it while it starts.</summary>
    /// <param name="settings">Configuration on top of the test defaults.</param>
    /// <param name="services">Service overrides, applied last.</param>
    /// <param name="realBot">Keep the shop's bot instead of <see cref="ScriptedBot"/>.</param>
    /// <param name="logs">Receives every log entry, at every level.</param>
    public static ServerHost Create(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        bool realBot = false,
        CapturingLoggerProvider? logs = null)
    {
        var builder = ConversationsServer.CreateBuilder([]);
        var merged = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Conversations:Demo:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) merged[key] = value;
        builder.Configuration.AddInMemoryCollection(merged);
        builder.Logging.ClearProviders();
        builder.AddConversationsServer();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddFilter((_, _) => true);
        }

        builder.Services.AddSingleton(SharedBotModel.Analyzer);
        if (!realBot) builder.Services.AddSingleton<IConversationBot, ScriptedBot>();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapConversationsServer();
        return new ServerHost(app);
    }

    /// <summary>Starts the silo and the rest of the host, then Kestrel (the host starts its hosted services first).</summary>
    public async Task StartListeningAsync()
    {
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _baseAddress = new Uri(address.TrimEnd('/') + "/");
        _http = new HttpClient { BaseAddress = _baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// Settings that make a server a silo of cluster <paramref name="clusterId"/> on PostgreSQL membership, with a free
    /// silo port and a signing key shared by every server of the test, so tokens minted by one are valid on the others.
    /// </summary>
    public static Dictionary<string, string?> ClusterSettings(string connectionString, string clusterId) => new()
    {
        ["Conversations:Storage"] = "postgres",
        ["ConnectionStrings:Postgres"] = connectionString,
        ["Conversations:Cluster:Membership"] = "postgres",
        ["Conversations:Cluster:Id"] = clusterId,
        ["Conversations:Cluster:SiloPort"] = FreePort().ToString(CultureInfo.InvariantCulture),
        ["Conversations:Auth:SigningKey"] = "cluster-test-signing-key-0123456789abcdef",
    };

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A token minted by the server's own token service (what <c>POST /api/dev/tokens</c> hands out).</summary>
    public string Token(string role, string id) => Services.GetRequiredService<TokenService>().Mint(id, role, TimeSpan.FromHours(1));

    public Uri HubUrl(string hub) => new(BaseAddress, $"hubs/{hub}");

    public Task<HubConnection> ConnectCustomerAsync(string customerId) =>
        HubConnection.ConnectAsync(HubUrl("customer"), new HubConnectionOptions { AccessToken = Token(ConversationRoles.Customer, customerId) });

    public Task<HubConnection> ConnectAgentAsync(string agentId) =>
        HubConnection.ConnectAsync(HubUrl("agent"), new HubConnectionOptions { AccessToken = Token(ConversationRoles.Agent, agentId) });

    /// <summary>A request carrying a bearer token for <paramref name="role"/> <paramref name="id"/> (none when <paramref name="role"/> is null).</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, string? role = ConversationRoles.Admin, string id = "admin-1", object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (role is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, id));
        if (body is not null) request.Content = JsonContent.Create(body, options: JsonSerializerOptions.Web);
        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? role = ConversationRoles.Admin, string id = "admin-1", object? body = null)
    {
        using var request = Request(method, path, role, id, body);
        return await Http.SendAsync(request);
    }

    /// <summary>Starts a session for <paramref name="customer"/> and records every event pushed to the connection.</summary>
    public static async Task<(StartSessionAnswer Session, Inbox<ConversationEvent> Events)> StartSessionAsync(HubConnection customer, string language = "en")
    {
        var events = new Inbox<ConversationEvent>();
        customer.On<ConversationEvent>("Event", events.Add);
        var session = await customer.InvokeAsync<StartSessionAnswer>("StartSession", new { channel = "web", language });
        return (session, events);
    }

    /// <summary>Sends <paramref name="text"/> to the bot of a session started by <see cref="StartSessionAsync"/> and returns the bot's first words after it (a message, or a question with quick replies).</summary>
    public static async Task<ConversationEvent> AskBotAsync(HubConnection customer, string sessionId, Inbox<ConversationEvent> events, string text)
    {
        var asked = await customer.InvokeAsync<SendAnswer>("SendMessage", new { sessionId, clientMessageId = $"ask-{Guid.NewGuid():N}", text });
        return await events.WaitForAsync(e => e.Sender.Role == SenderRoles.Bot && e.Text is not null && e.Seq > asked.Seq);
    }

    /// <summary>Stops the server gracefully (its silo leaves the cluster); a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _http?.Dispose();
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
