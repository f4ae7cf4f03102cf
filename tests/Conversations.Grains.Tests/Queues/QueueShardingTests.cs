using Conversations.Abstractions.Agents;
using Conversations.Abstractions.Customers;
using Conversations.Abstractions.Queues;

namespace Conversations.Grains.Tests.Queues;

public sealed class QueueShardingTests
{
    [Fact]
    public async Task ThousandsOfWaitingSessionsAndManyAgents_SpreadOverEveryShard()
    {
        const int agents = 40;
        const int sessions = 3000;
        await using var routing = await RoutingCluster.StartAsync();
        var shardCount = routing.Options.ShardCount;
        // Every agent serves aftersales:zh; half also serve general in both languages.
        for (var i = 0; i < agents; i++)
        {
            string[] skills = i % 2 == 0 ? ["aftersales"] : ["aftersales", "general"];
            string[] languages = i % 2 == 0 ? ["zh"] : ["zh", "en"];
            await routing.Agent($"agent-{i:D2}").GoOnline(new AgentPresence(skills, languages, 1));
        }

        var ids = Enumerable.Range(0, sessions).Select(i => $"session-{i:D5}").ToList();
        foreach (var batch in ids.Chunk(200))
        {
            var tickets = await Task.WhenAll(batch.Select(id => routing.EnqueueAsync(id)));
            Assert.All(tickets, t => Assert.True(t.Accepted));
        }

        var shards = await routing.SnapshotsAsync(RoutingCluster.Aftersales);
        var mean = (double)sessions / shardCount;
        Assert.Equal(sessions, shards.Sum(s => s.Waiting) + 0);
        Assert.All(shards, s =>
        {
            Assert.InRange(s.Waiting, (int)(mean / 2), (int)(mean * 2));
            Assert.Equal(agents, s.AgentsKnown);
        });
        Assert.All(await routing.SnapshotsAsync("general:zh"), s => Assert.Equal(agents / 2, s.AgentsKnown));
        Assert.All(await routing.SnapshotsAsync("general:en"), s => Assert.Equal(agents / 2, s.AgentsKnown));
        Assert.All(await routing.SnapshotsAsync("aftersales:en"), s => Assert.Equal(agents / 2, s.AgentsKnown));
        Assert.All(await routing.SnapshotsAsync("presales:zh"), s => Assert.Equal(0, s.AgentsKnown));

        // Each agent (capacity 1) holds exactly one offer, whichever shard made it.
        Assert.Equal(agents, shards.Sum(s => s.OffersPending));
        Assert.Equal(sessions, routing.Stats.Snapshot().Queued);
        for (var i = 0; i < agents; i++)
        {
            Assert.Single((await routing.Agent($"agent-{i:D2}").GetSnapshot()).PendingOffers);
        }
    }

    [Fact]
    public async Task AgentWhoFreesUp_IsOfferedTheBestWaitingSessionOfEveryShardAndQueue_NotTheFirstShardsBest()
    {
        await using var routing = await RoutingCluster.StartAsync();
        var shards = routing.Options.ShardCount;
        var agent = await BusyAgentAsync(routing, "a-1", ["aftersales", "general"]);
        // Calm regulars in every shard but the last, of both queues the agent serves; they wait two minutes longer.
        for (var shard = 0; shard < shards - 1; shard++)
        {
            await routing.EnqueueAsync(SessionIn(RoutingCluster.Aftersales, shard, "regular"));
            await routing.EnqueueAsync(SessionIn(RoutingCluster.General, shard, "regular"), queue: RoutingCluster.General);
        }

        routing.Time.Advance(TimeSpan.FromMinutes(2));
        var vip = SessionIn(RoutingCluster.Aftersales, shards - 1, "vip");
        await routing.EnqueueAsync(vip, tier: CustomerTiers.Vip);

        await agent.OnSessionEnded("busy-a-1", TimeSpan.FromMinutes(3), handled: true);

        Assert.Equal(vip, (await NextOfferAsync(routing, "a-1")).SessionId);
    }

    [Fact]
    public async Task AgentsFreeingUpTogether_EachGetOneOfTheBestWaitingSessions_ThoughTheyAllWantTheSameFirst()
    {
        const int agents = 6;
        await using var routing = await RoutingCluster.StartAsync();
        var busy = new List<IAgentGrain>();
        for (var i = 0; i < agents; i++) busy.Add(await BusyAgentAsync(routing, $"a-{i}"));
        // One session per shard (more than there are agents), the VIP in the last shard; the regulars waited longer.
        var regulars = Enumerable.Range(0, routing.Options.ShardCount - 1).Select(shard => SessionIn(RoutingCluster.Aftersales, shard, "regular")).ToList();
        foreach (var regular in regulars)
        {
            await routing.EnqueueAsync(regular);
            routing.Time.Advance(TimeSpan.FromSeconds(10));
        }

        var vip = SessionIn(RoutingCluster.Aftersales, routing.Options.ShardCount - 1, "vip");
        await routing.EnqueueAsync(vip, tier: CustomerTiers.Vip);

        // They all look at once and all see the VIP first: every claim but one loses, and the losers take the next best.
        await Task.WhenAll(busy.Select((agent, i) => agent.OnSessionEnded($"busy-a-{i}", TimeSpan.FromMinutes(3), handled: true)));

        var offered = await Task.WhenAll(Enumerable.Range(0, agents).Select(i => NextOfferAsync(routing, $"a-{i}")));
        string[] best = [vip, .. regulars.Take(agents - 1)];
        Assert.Equal(best.Order(StringComparer.Ordinal), offered.Select(o => o.SessionId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PositionsAndWaitEstimates_CountEveryoneAheadInEveryShard()
    {
        await using var routing = await RoutingCluster.StartAsync(o => o.DefaultHandleSeconds = 120);
        // One agent serves the queue and has no room: sessions wait, and each place is worth two minutes.
        foreach (var key in QueueShards.KeysOf(RoutingCluster.Aftersales, routing.Options.ShardCount))
        {
            await routing.Grains.GetGrain<IQueueGrain>(key).AgentAvailable(new AgentCandidate("busy", ["aftersales"], ["zh"], 0, routing.Time.GetUtcNow()));
        }

        // Arrivals a second apart over four shards, two in each of the first two: all regular, so first come first served.
        var tickets = new Dictionary<string, QueueTicket>();
        string[] line = [.. new[] { 0, 1, 2, 3, 0, 1 }.Select((shard, i) => SessionIn(RoutingCluster.Aftersales, shard, $"s{i}"))];
        foreach (var id in line)
        {
            tickets[id] = await routing.EnqueueAsync(id);
            routing.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await routing.AdvanceAsync(routing.Options.PositionShareInterval, RoutingCluster.Aftersales);

        await EveryoneToldAsync(routing, tickets, line);
        var late = SessionIn(RoutingCluster.Aftersales, 2, "late");
        var ticket = await routing.EnqueueAsync(late);
        Assert.Equal((7, 7 * 120), (ticket.Position, ticket.EtaSeconds));
        tickets[late] = ticket;

        await routing.Shard(RoutingCluster.Aftersales, line[0]).Remove(line[0], "closed");
        await routing.AdvanceAsync(routing.Options.PositionShareInterval, RoutingCluster.Aftersales);

        await EveryoneToldAsync(routing, tickets, [.. line.Skip(1), late]);
    }

    /// <summary>Waits until the sessions of <paramref name="line"/> were last told places 1, 2, 3… and two minutes a place.</summary>
    private static Task EveryoneToldAsync(RoutingCluster routing, Dictionary<string, QueueTicket> tickets, IReadOnlyList<string> line) =>
        RoutingCluster.Eventually(
            () => Task.FromResult(line.Select((id, i) => LastTold(routing, tickets[id], id) == (i + 1, (i + 1) * 120)).All(told => told)),
            $"the line of {line.Count} is told its places");

    /// <summary>The place and wait a session was last told: its latest position push, else its ticket.</summary>
    private static (int Position, int EtaSeconds) LastTold(RoutingCluster routing, QueueTicket ticket, string sessionId) =>
        routing.Sessions.CallsOf(sessionId, "OnQueuePosition") is { Count: > 0 } pushes ? (pushes[^1].Position, pushes[^1].EtaSeconds) : (ticket.Position, ticket.EtaSeconds);

    /// <summary>An agent (capacity 1) online and holding session <c>busy-&lt;agent&gt;</c>.</summary>
    private static async Task<IAgentGrain> BusyAgentAsync(RoutingCluster routing, string agentId, string[]? skills = null)
    {
        var agent = await routing.OnlineAsync(agentId, capacity: 1, skills: skills);
        await routing.EnqueueAsync($"busy-{agentId}");
        await agent.AcceptOffer((await routing.Observer.WaitForOffer(RoutingCluster.Connection(agentId), $"busy-{agentId}")).OfferId);
        return agent;
    }

    private static async Task<Offer> NextOfferAsync(RoutingCluster routing, string agentId) =>
        (Offer)(await routing.Observer.WaitFor(p => p.ConnectionId == RoutingCluster.Connection(agentId) && p.Payload is Offer o && o.SessionId != $"busy-{agentId}")).Payload;

    /// <summary>A session id that waits in shard <paramref name="shard"/> of its queue.</summary>
    private static string SessionIn(string queue, int shard, string kind)
    {
        for (var i = 0; ; i++)
        {
            var id = $"{kind}-{queue}-{i}";
            if (QueueNames.ShardOf(id, new QueueOptions().ShardCount) == shard) return id;
        }
    }
}
