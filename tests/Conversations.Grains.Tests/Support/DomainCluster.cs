using Conversations.Abstractions.Bot;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Queues;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Customers;
using Conversations.Grains.Sessions;
using Conversations.Grains.Stats;
using Conversations.Grains.Transcripts;
using Conversations.Runtime;
using Conversations.Runtime.Hosting;
using Conversations.Runtime.Invocation;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conversations.Grains.Tests.Support;

/// <summary>
/// A test cluster with the conversation domain on a fake clock, wired through <c>AddConversationsDomainServices</c>:
/// the scripted bot, and either recording fakes for queues and agents or the real routing grains.
/// </summary>
public sealed class DomainCluster : IAsyncDisposable
{
    private readonly TestCluster _cluster;

    private DomainCluster(TestCluster cluster, ScriptedBot bot, FakeRouting routing)
    {
        _cluster = cluster;
        Bot = bot;
        Routing = routing;
    }

    public ScriptedBot Bot { get; }

    public FakeRouting Routing { get; }

    public TestCluster Cluster => _cluster;

    public FakeTimeProvider Time => _cluster.FakeTime;

    public IGrainFactory Grains => _cluster.GrainFactory;

    public ConversationStats Stats => _cluster.GetService<ConversationStats>();

    public ITranscriptStore Transcripts => _cluster.GetService<ITranscriptStore>();

    public static async Task<DomainCluster> StartAsync(DomainClusterSetup? setup = null)
    {
        setup ??= new DomainClusterSetup();
        var bot = new ScriptedBot();
        var routing = new FakeRouting();
        // Kept across silo restarts, as a durable store would be.
        var transcripts = setup.Transcripts ?? new MemoryTranscriptStore();
        var settings = new Dictionary<string, string?>();
        if (setup.Postgres is not null)
        {
            settings["Conversations:Storage"] = "postgres";
            settings["ConnectionStrings:Postgres"] = setup.Postgres;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new TestClusterBuilder()
            .UseFakeTime()
            // Advancing the fake clock by minutes must not time out calls that are merely in flight.
            .ConfigureRuntime(o => o.ResponseTimeout = TimeSpan.FromDays(30))
            .ConfigureServices(services =>
            {
                if (setup.RealRouting)
                {
                    foreach (var type in typeof(SessionGrain).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(Grain).IsAssignableFrom(t)))
                    {
                        services.AddSingleton(new GrainClassRegistration(type));
                    }
                }
                else
                {
                    services.AddSingleton(new GrainClassRegistration(typeof(SessionGrain)));
                    services.AddSingleton(new GrainClassRegistration(typeof(CustomerGrain)));
                    services.AddSingleton(new GrainClassRegistration(typeof(FakeQueueGrain)));
                    services.AddSingleton(new GrainClassRegistration(typeof(FakeAgentGrain)));
                }

                services.AddSingleton<IConversationBot>(bot);
                services.AddSingleton(routing);
                if (setup.Postgres is null) services.AddSingleton(transcripts);
                services.AddConversationsDomainServices(configuration);
                if (setup.Sessions is not null) services.Configure(setup.Sessions);
                if (setup.Sla is not null) services.Configure(setup.Sla);
                if (setup.Queues is not null) services.Configure(setup.Queues);
            });
        if (setup.Postgres is not null) builder.UsePostgres(setup.Postgres);
        return new DomainCluster(await builder.BuildAndStartAsync(), bot, routing);
    }

    /// <summary>Opens a session the way the customer hub does (through the customer grain) and subscribes an observer.</summary>
    public async Task<TestSession> StartSessionAsync(string customerId, string tier = CustomerTiers.Regular, string language = "en", string? orderId = null)
    {
        var customer = Grains.GetGrain<ICustomerGrain>(customerId);
        await customer.SetProfile(new CustomerProfile(customerId, tier, language, ["web"]));
        var started = await customer.StartSession("web", language, orderId);
        return await AttachAsync(started.SessionId, customerId);
    }

    /// <summary>Subscribes a fresh observer to an existing session.</summary>
    public async Task<TestSession> AttachAsync(string sessionId, string customerId, string connectionId = "conn-1")
    {
        var observer = new TestObserver();
        var reference = Grains.CreateObjectReference<IConversationObserver>(observer);
        var grain = Grains.GetGrain<ISessionGrain>(sessionId);
        await grain.Subscribe(new Subscriber(reference, connectionId));
        return new TestSession(sessionId, customerId, grain, observer);
    }

    /// <summary>The shard a session waits in, as sessions and queues compute it.</summary>
    public string ShardOf(string queue, string sessionId) =>
        QueueNames.ShardKey(queue, QueueNames.ShardOf(sessionId, _cluster.GetService<Microsoft.Extensions.Options.IOptions<QueueOptions>>().Value.ShardCount));

    /// <summary>Polls <paramref name="probe"/> (a grain read) until it holds, yielding between tries; fails after the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Recorder<object>.DefaultTimeout);
        while (!await probe())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Yield();
        }
    }

    public Task RestartAsync() => _cluster.RestartAsync();

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
