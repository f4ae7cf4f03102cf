using Conversations.Abstractions.Agents;
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
}
