using System.Diagnostics;
using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Push;
using Conversations.Abstractions.Queues;
using Conversations.Abstractions.Sessions;
using Conversations.Grains.Agents;
using Conversations.Grains.Queues;
using Conversations.Grains.Stats;
using Conversations.Grains.Tests.Agents;
using Conversations.Runtime;
using Conversations.Runtime.Hosting;
using Conversations.Runtime.Invocation;
using Conversations.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Conversations.Grains.Tests.Queues;

/// <summary>
/// A test cluster for routing: the real queue and agent grains, a recording session grain, one recording
/// gateway observer, and a fake clock. One per test, since each test moves its own clock.
/// </summary>
public sealed class RoutingCluster : IAsyncDisposable
{
    public const string Aftersales = "aftersales:zh";
    public const string General = "general:zh";

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(10);

    private RoutingCluster(TestCluster cluster, SessionCallLog sessions, ConversationStats stats, QueueOptions options, RecordingObserver observer)
    {
        Cluster = cluster;
        Sessions = sessions;
        Stats = stats;
        Options = options;
        Observer = observer;
        ObserverReference = cluster.GrainFactory.CreateObjectReference<IConversationObserver>(observer);
    }

    public TestCluster Cluster { get; }

    public SessionCallLog Sessions { get; }

    public ConversationStats Stats { get; }

    public QueueOptions Options { get; }

    /// <summary>The gateway every agent of the test is connected through (connection id = <c>conn-&lt;agent&gt;</c>).</summary>
    public RecordingObserver Observer { get; }

    public IConversationObserver ObserverReference { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public FakeTimeProvider Time => Cluster.FakeTime;

    public static async Task<RoutingCluster> StartAsync(Action<QueueOptions>? configure = null, string? postgres = null)
    {
        var options = new QueueOptions();
        configure?.Invoke(options);
        options.Validate();
        var log = new SessionCallLog();
        var stats = new ConversationStats();
        var builder = new TestClusterBuilder()
            .UseFakeTime()
            .ConfigureServices(services =>
            {
                services.AddSingleton(new GrainClassRegistration(typeof(QueueGrain)));
                services.AddSingleton(new GrainClassRegistration(typeof(AgentGrain)));
                services.AddSingleton(new GrainClassRegistration(typeof(RecordingSessionGrain)));
                services.AddSingleton(log);
                services.AddSingleton(stats);
                services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
            });
        if (postgres is not null) builder.UsePostgres(postgres);
        var cluster = await builder.BuildAndStartAsync();
        return new RoutingCluster(cluster, log, stats, options, new RecordingObserver());
    }

    public static string Connection(string agentId) => $"conn-{agentId}";

    public IAgentGrain Agent(string agentId) => Grains.GetGrain<IAgentGrain>(agentId);

    public IQueueGrain Shard(string queue, string sessionId) => Grains.GetQueueShard(queue, sessionId, Options.ShardCount);

    /// <summary>Connects the agent through <see cref="Observer"/> and brings it online (aftersales in Chinese by default).</summary>
    public async Task<IAgentGrain> OnlineAsync(string agentId, int capacity = 1, string[]? skills = null, string[]? languages = null)
    {
        var agent = Agent(agentId);
        await agent.Connect(new Subscriber(ObserverReference, Connection(agentId)));
        await agent.GoOnline(new AgentPresence(skills ?? ["aftersales"], languages ?? ["zh"], capacity));
        return agent;
    }

    public static HandoffSummary Summary(string customerId, string tier = CustomerTiers.Regular, string sentiment = "neutral", string? previousSessionId = null) =>
        new(customerId, tier, "zh", "web", "order_status", sentiment, "o-1001", HandoffReasons.CustomerRequest, [], PreviousSessionId: previousSessionId);

    public Task<QueueTicket> EnqueueAsync(
        string sessionId,
        string queue = Aftersales,
        string tier = CustomerTiers.Regular,
        string sentiment = "neutral",
        bool angry = false,
        int boost = 0,
        string? previousSessionId = null,
        string? avoidAgentId = null)
    {
        var summary = Summary($"c-{sessionId}", tier, sentiment, previousSessionId);
        Sessions.Remember(sessionId, summary);
        return Shard(queue, sessionId).Enqueue(new QueueEntry(sessionId, summary, Time.GetUtcNow(), boost, angry, SlaAtRisk: false, avoidAgentId));
    }

    public async Task<IReadOnlyList<QueueSnapshot>> SnapshotsAsync(string queue) =>
        await Task.WhenAll(QueueShards.KeysOf(queue, Options.ShardCount).Select(key => Grains.GetGrain<IQueueGrain>(key).GetSnapshot()));

    /// <summary>
    /// Moves the clock in one-second steps; after each step every shard of <paramref name="queues"/> has finished
    /// what fell due (a snapshot queues behind the timer's turn), so each timer is re-armed from the right time.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by, params string[] queues)
    {
        if (queues.Length == 0) queues = [Aftersales, General];
        for (var moved = TimeSpan.Zero; moved < by; moved += Step)
        {
            Time.Advance(by - moved < Step ? by - moved : Step);
            foreach (var queue in queues) await SnapshotsAsync(queue);
        }
    }

    /// <summary>Polls <paramref name="condition"/> (a grain read) until it holds, failing after a bounded wait.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > PollLimit) throw new TimeoutException($"Still not true after {PollLimit.TotalSeconds} s: {what}.");
            await Task.Yield();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Stats.Dispose();
    }
}
