using Conversations.Abstractions.Queues;
using Conversations.Grains.Stats;
using Conversations.Runtime;
using Conversations.Server.Auth;
using Microsoft.Extensions.Options;

namespace Conversations.Server.Api;

/// <summary><c>GET /api/stats</c> (admin): the live figures of the whole cluster, which the ops view charts.</summary>
public static class StatsEndpoints
{
    public static RouteGroupBuilder MapStats(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/stats", async (StatsPublisher publisher, IGrainFactory grains, IOptions<QueueOptions> queues, TimeProvider time) =>
        {
            // This silo's figures go in fresh; the others' are at most a report period old.
            var cluster = await publisher.PublishAsync();
            var s = ConversationStatsSnapshot.From(cluster.Totals);
            var queueStats = await ReadQueuesAsync(grains, queues.Value.ShardCount);
            return Results.Ok(new StatsResponse(
                s.ActiveSessions, s.Queued, s.AgentsOnline, s.BotContainmentRate, s.Handoffs, s.SlaBreaches, s.SlaWarnings,
                s.AvgFirstResponseMs, s.AvgHandleSeconds, s.CsatAverage, s.CsatRatings, s.SessionsStarted, s.SessionsEnded,
                s.MessagesStored, queueStats, cluster.Silos, time.GetUtcNow()));
        }).RequireAuthorization(AuthPolicies.Admin);
        return api;
    }

    private static async Task<IReadOnlyList<QueueStats>> ReadQueuesAsync(IGrainFactory grains, int shardCount)
    {
        var queues = QueueNames.Skills.SelectMany(skill => QueueNames.Languages.Select(language => QueueNames.Of(skill, language))).ToList();
        var shards = queues.SelectMany(queue => QueueShards.KeysOf(queue, shardCount)).ToList();
        var snapshots = await Task.WhenAll(shards.Select(key => grains.GetGrain<IQueueGrain>(key).GetSnapshot()));
        return snapshots
            .GroupBy(s => QueueNames.QueueOfShard(s.ShardKey), StringComparer.Ordinal)
            .Select(g => new QueueStats(g.Key, g.Sum(s => s.Waiting), g.Max(s => s.AgentsKnown), g.Max(s => s.AgentsWithCapacity), g.Sum(s => s.OffersPending)))
            .OrderBy(q => q.Queue, StringComparer.Ordinal)
            .ToList();
    }
}
